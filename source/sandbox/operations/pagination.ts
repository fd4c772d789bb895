// KMS-style paging: `Limit` (1–1000 on the wire; some operations quietly cap lower), an opaque
// `Marker`, and `NextMarker` + `Truncated: true` only while more remains.
import {KmsError, validation} from '../errors.js';
import {optionalNumber, optionalString, type Params} from './context.js';

export interface PageLimits {
  default: number;
  /** The documented maximum; larger requests get this many (e.g. ListAliases: 100). */
  max: number;
}

const encode = (offset: number): string => Buffer.from(`keypol:${offset}`).toString('base64url');

function decode(marker: string): number {
  const match = /^keypol:(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!match) throw new KmsError('InvalidMarkerException', 'Invalid marker');
  return Number(match[1]);
}

export function paginate<T>(
  items: readonly T[],
  params: Params,
  limits: PageLimits,
): {page: T[]; more: {Truncated: boolean; NextMarker?: string}} {
  const limit = optionalNumber(params, 'Limit') ?? limits.default;
  if (!Number.isInteger(limit) || limit < 1) {
    throw validation('limit', limit, 'Member must have value greater than or equal to 1');
  }
  if (limit > 1000) throw validation('limit', limit, 'Member must have value less than or equal to 1000');
  const marker = optionalString(params, 'Marker');
  const start = marker === undefined ? 0 : decode(marker);
  const end = start + Math.min(limit, limits.max);
  const page = items.slice(start, end);
  return end < items.length
    ? {page, more: {NextMarker: encode(end), Truncated: true}}
    : {page, more: {Truncated: false}};
}
