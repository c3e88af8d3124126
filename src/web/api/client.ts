import { currentLanguage } from '../app/i18n';

export interface FieldMessage {
  field: string;
  code: string;
  /** Already translated by the server; names the field. */
  message: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    correlationId: string;
    fields?: FieldMessage[];
    /** Extra members some errors carry, e.g. `current` after a conflict. */
    [extra: string]: unknown;
  };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * A failed request. `body` is the server's error answer; it is null when there was none
 * (network failure, or a proxy answering with something else), and the UI then shows its own text.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.error.message ?? `request failed with status ${status}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.error.code ?? (this.status === 0 ? 'network' : 'unexpected');
  }

  get fields(): FieldMessage[] {
    return this.body?.error.fields ?? [];
  }

  /** The first server message per top-level field, e.g. `roles.0` counts as `roles`. */
  fieldMessages(): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const field of this.fields) {
      const name = field.field.split('.')[0] ?? field.field;
      messages[name] ??= field.message;
    }
    return messages;
  }
}

export function isApiError(error: unknown, status?: number, code?: string): error is ApiError {
  return (
    error instanceof ApiError &&
    (status === undefined || error.status === status) &&
    (code === undefined || error.code === code)
  );
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/**
 * The one way the web app talks to the API. Resolves with the parsed JSON body (undefined for
 * 204), throws ApiError otherwise. Response types are the server's schemas, which it enforces.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }

  const headers: Record<string, string> = {
    Accept: 'application/json',
    // Server messages come back in the language the user is reading.
    'Accept-Language': currentLanguage(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }

  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(response.status, isErrorBody(parsed) ? parsed : null);
  }
  return parsed as T;
}
