// STS GetCallerIdentity, for `keypol whoami`. @aws-sdk/client-sts 3.1164.0 and the AWS CLI both use
// the awsQuery protocol (form POST `Action=GetCallerIdentity`, XML answer); JSON 1.0
// (`X-Amz-Target: AWSSecurityTokenServiceV20110615.*`) is answered too, for newer clients.
import {createHash} from 'node:crypto';
import {KmsError} from './errors.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface CallerIdentity {
  Account: string;
  Arn: string;
  UserId: string;
}

/** The identity behind a principal ARN; unique ids are stable fakes (AIDA… users, AROA… roles). */
export function callerIdentity(arn: string): CallerIdentity {
  const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1] ?? '';
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return {Account: account, Arn: arn, UserId: account};
  const prefix = resource.startsWith('role/') ? 'AROA' : 'AIDA';
  const digest = createHash('sha256')
    .update(arn)
    .digest('hex')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return {Account: account, Arn: arn, UserId: `${prefix}${digest.slice(0, 17)}`};
}

export function stsOperation(operation: string, caller: string): CallerIdentity {
  if (operation !== 'GetCallerIdentity') {
    throw new KmsError('InvalidAction', `Could not find operation ${operation} for version 2011-06-15`);
  }
  return callerIdentity(caller);
}

const xml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    c => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;'})[c] ?? c,
  );

export function queryResponse(operation: string, result: CallerIdentity, requestId: string): string {
  const members = Object.entries(result)
    .map(([name, value]) => `    <${name}>${xml(String(value))}</${name}>`)
    .join('\n');
  return (
    `<${operation}Response xmlns="${NAMESPACE}">\n  <${operation}Result>\n${members}\n  </${operation}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${operation}Response>\n`
  );
}

export function queryError(error: KmsError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xml(error.type)}</Code>\n` +
    `    <Message>${xml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}
