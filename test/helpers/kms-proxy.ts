// A pass-through HTTP proxy in front of the sandbox that lets a test change one answer —
// for failures the sandbox cannot produce on its own (a policy that changes right after a
// put, AccessDenied on a single key). The SDK still talks real HTTP to it.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface Answer {
  status: number;
  body: string;
}

/** Return an Answer to replace the upstream one, or undefined to pass it through. */
export type Intercept = (
  operation: string,
  request: Record<string, unknown>,
  upstream: Answer,
) => Answer | undefined;

export async function startKmsProxy(
  upstream: string,
  intercept: Intercept,
): Promise<{endpoint: string; close(): Promise<void>}> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
      ),
    );
    const answer = await fetch(upstream + (req.url ?? '/'), {method: req.method ?? 'POST', headers, body});
    const passed: Answer = {status: answer.status, body: await answer.text()};
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    const json = operation === 'unknown' || body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    const final = intercept(operation, json, passed) ?? passed;
    res.writeHead(final.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1',
    });
    res.end(final.body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
