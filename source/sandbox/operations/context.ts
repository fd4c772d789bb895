// What every operation handler receives, and typed access to the request's JSON members.
import {KmsError, validation} from '../errors.js';
import type {RegionState, SandboxState} from '../state.js';

export type Params = Record<string, unknown>;

export interface OperationContext {
  state: SandboxState;
  regionName: string;
  region: RegionState;
  accountId: string;
  /** Principal ARN of the caller (from the access key id). */
  caller: string;
  /** Epoch seconds with milliseconds, as KMS sends timestamps. */
  now: number;
  /** Set by handlers: the key the request concerned, for the request log. */
  keyId?: string;
}

/** Returns the response body, or undefined for KMS's empty 200 (PutKeyPolicy, TagResource, ...). */
export type Operation = (ctx: OperationContext, params: Params) => Record<string, unknown> | undefined;

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function typed<T>(params: Params, name: string, type: string): T | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) {
    throw new KmsError('SerializationException', `Unexpected value type for ${name}: expected ${type}`);
  }
  return value as T;
}

export const optionalString = (params: Params, name: string): string | undefined =>
  typed<string>(params, name, 'string');
export const optionalBoolean = (params: Params, name: string): boolean | undefined =>
  typed<boolean>(params, name, 'boolean');
export const optionalNumber = (params: Params, name: string): number | undefined =>
  typed<number>(params, name, 'number');

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') {
    throw validation(lowerFirst(name), value, 'Member must not be null');
  }
  return value;
}

export function optionalArray(params: Params, name: string): unknown[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw new KmsError('SerializationException', `Unexpected value type for ${name}`);
  return value;
}
