/**
 * Domain errors, typed once. Services throw these; the error handler (http/error-handler.ts)
 * is the only place that maps them to HTTP statuses and translated messages.
 */
export interface FieldProblem {
  /** Dotted path of the field in the request, e.g. `children.0.birthDate`. */
  field: string;
  /** Message key under `validation.` in the server's locales. */
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    /** Extra members of the error body, e.g. the record as it is now after a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends AppError {
  constructor(fields: FieldProblem[]) {
    super(400, 'validation_failed', {}, fields);
  }
}
/** Also what a record outside the actor's scope looks like: never 403 for records. */
export class NotFound extends AppError {
  constructor() {
    super(404, 'not_found');
  }
}
export class Unauthenticated extends AppError {
  constructor() {
    super(401, 'unauthenticated');
  }
}
export class Forbidden extends AppError {
  constructor(code = 'forbidden') {
    super(403, code);
  }
}
export class Conflict extends AppError {
  constructor(code = 'conflict', params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
export class TooManyRequests extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'too_many_requests', { seconds: retryAfterSeconds });
  }
}
