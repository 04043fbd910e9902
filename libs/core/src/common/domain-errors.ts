import type { ProblemCode, ProblemParams } from './problem-codes';

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

/** What a throw site may add to its English message: a specific code (see problem-codes.ts), its params, field errors. */
export interface ProblemOptions {
  code?: ProblemCode;
  /** Values for the `{name}` placeholders of the code's text. */
  params?: ProblemParams;
  errors?: FieldError[];
}

/**
 * Errors the domain raises; the API maps each to its problem+json status. Each carries a stable `code`: the class's
 * own (`not_found`, `conflict`, …) unless the throw site gives a more specific one.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** The code of the class, when the throw site gives none. */
  protected abstract readonly defaultCode: ProblemCode;
  readonly errors?: FieldError[];
  readonly params?: ProblemParams;
  private readonly specificCode?: ProblemCode;
  constructor(message: string, errorsOrOptions?: FieldError[] | ProblemOptions) {
    super(message);
    this.name = new.target.name;
    const options: ProblemOptions = Array.isArray(errorsOrOptions)
      ? { errors: errorsOrOptions }
      : (errorsOrOptions ?? {});
    this.errors = options.errors;
    this.params = options.params;
    this.specificCode = options.code;
  }

  get code(): ProblemCode {
    return this.specificCode ?? this.defaultCode;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
  protected readonly defaultCode = 'invalid_input';
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  protected readonly defaultCode = 'unauthenticated';
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
  protected readonly defaultCode = 'forbidden';
}
/** Also used for objects that exist but are not visible to the caller. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
  protected readonly defaultCode = 'not_found';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} was not found` : `${entity} was not found`);
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  protected readonly defaultCode = 'conflict';
}
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition Failed';
  protected readonly defaultCode = 'precondition_failed';
}
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Payload Too Large';
  protected readonly defaultCode = 'payload_too_large';
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
  protected readonly defaultCode = 'unsupported_media_type';
}
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
  protected readonly defaultCode = 'unprocessable';
}
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  protected readonly defaultCode = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ProblemOptions,
  ) {
    super(message, options);
  }
}

/** Checks an `If-Match` version against the stored one. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new PreconditionFailedError(`version ${expected} is stale; the current version is ${actual}`, {
      code: 'version_stale',
    });
  }
}
