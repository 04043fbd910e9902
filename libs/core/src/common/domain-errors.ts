/** A text in each language the API answers in. */
export interface LocalisedText {
  id: string;
  en: string;
}

export interface FieldError {
  field: string;
  message: string;
  /** A stable, machine-readable reason (`password_too_weak`, `email_mixed_script`, …). */
  code?: string;
  /** The message in each language; the API answers with the caller's (Accept-Language) as `message`. */
  messages?: LocalisedText;
}

/** Errors the domain raises; the API maps each to its problem+json status. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}
/** Also used for objects that exist but are not visible to the caller. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} was not found` : `${entity} was not found`);
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition Failed';
}
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Payload Too Large';
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
}
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
}
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Checks an `If-Match` version against the stored one. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new PreconditionFailedError(`version ${expected} is stale; the current version is ${actual}`);
  }
}
