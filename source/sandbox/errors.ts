// KMS's error envelope: `{"__type": Name, "message": text}` with HTTP 400, or 500 for server faults.

const SERVER_FAULTS = new Set(['KMSInternalException', 'DependencyTimeoutException']);

export class KmsError extends Error {
  readonly status: number;
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.status = SERVER_FAULTS.has(type) ? 500 : 400;
  }
}

export const notFound = (message: string): KmsError => new KmsError('NotFoundException', message);

/** The wording AWS uses for a missing required member or a value outside its constraints. */
export function validation(member: string, value: unknown, constraint: string): KmsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new KmsError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

export function accessDenied(caller: string, operation: string, resource: string): KmsError {
  return new KmsError(
    'AccessDeniedException',
    `User: ${caller} is not authorized to perform: kms:${operation} on resource: ${resource} ` +
      `because no resource-based policy allows the kms:${operation} action`,
  );
}
