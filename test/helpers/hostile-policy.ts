// A policy text with raw terminal controls, as an endpoint (or a careless writer) could return it:
// JSON.parse would refuse the raw controls inside its strings, but GetKeyPolicy's answer is text and
// `keypol get` prints text. A proxy in front of the sandbox serves it for alias/console-current.
import {startKmsProxy} from './kms-proxy.js';
import type {SandboxFixture} from './sandbox.js';

/** An OSC title change, a clear screen, a C1 CSI, a BEL, a NUL and a right-to-left override. */
export const HOSTILE_POLICY =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{\n' +
  '    "Sid": "Admins \x1b]0;pwned\x07\x1b[2J\x1b[Hcleared \x9b31mred \x00\u202egnp.exe",\n' +
  '    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},\n' +
  '    "Action": "kms:*", "Resource": "*"\n  }]\n}';

export async function serveHostilePolicy(
  f: SandboxFixture,
): Promise<{endpoint: string; keyId: string; close(): Promise<void>}> {
  const {keyId, arn} = await f.gateway.describeKey('alias/console-current');
  const proxy = await startKmsProxy(f.sandbox.endpoint, (operation, request, upstream) => {
    if (operation !== 'GetKeyPolicy' || upstream.status !== 200) return undefined;
    if (request.KeyId !== keyId && request.KeyId !== arn) return undefined;
    // JSON.stringify escapes the controls on the wire; the SDK hands keypol the raw characters.
    return {status: 200, body: JSON.stringify({Policy: HOSTILE_POLICY, PolicyName: 'default'})};
  });
  return {...proxy, keyId};
}
