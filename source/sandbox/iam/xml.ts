// IAM's side of the AWS Query protocol: answers are XML in the 2010-05-08 namespace,
// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`, lists as `<member>`
// elements, errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`.
import {KmsError} from '../errors.js';

export const IAM_VERSION = '2010-05-08';
const NAMESPACE = `https://iam.amazonaws.com/doc/${IAM_VERSION}/`;

export type XmlValue = string | number | boolean | undefined | XmlValue[] | {[name: string]: XmlValue};

export const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    c => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;'})[c] ?? c,
  );

function element(name: string, value: XmlValue, indent: string): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    const members = value.map(v => element('member', v, `${indent}  `)).join('');
    return `${indent}<${name}>\n${members}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([child, v]) => element(child, v, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${children}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

export function iamResponse(action: string, result: {[name: string]: XmlValue}, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">\n` +
    element(`${action}Result`, result, '  ') +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

/** IAM's HTTP statuses: NoSuchEntity 404, AccessDenied 403, throttling and validation 400. */
export function iamStatus(error: KmsError): number {
  if (error.type === 'NoSuchEntity') return 404;
  if (error.type === 'AccessDenied') return 403;
  return error.status;
}

export function iamError(error: KmsError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n` +
    `    <Code>${escapeXml(error.type)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n` +
    `  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}
