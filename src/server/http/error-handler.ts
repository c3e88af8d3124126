import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { languageFromHeader, translator } from '../i18n/index.js';
import { AppError, type FieldProblem } from './errors.js';

/** The body of every error answer. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    correlationId: string;
    fields?: { field: string; code: string; message: string }[];
    [extra: string]: unknown;
  };
}

interface ZodLikeIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Maps one schema issue to a field problem; "required" when nothing was sent at that path. */
export function fieldProblemFromIssue(issue: ZodLikeIssue, input: unknown): FieldProblem {
  const segments = issue.instancePath.split('/').filter(Boolean);
  const field = segments.join('.') || 'request';
  const p = issue.params;
  const origin = typeof p.origin === 'string' ? p.origin : '';
  const numeric = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : 0);
  switch (issue.keyword) {
    case 'invalid_type':
      return { field, code: valueAt(input, segments) === undefined ? 'required' : 'invalid_type' };
    case 'too_small': {
      const min = numeric(p.minimum);
      if (origin === 'string') return { field, code: min <= 1 ? 'required' : 'too_short', params: { min } };
      if (origin === 'array' || origin === 'set') return { field, code: 'too_few', params: { min } };
      return { field, code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = numeric(p.maximum);
      if (origin === 'string') return { field, code: 'too_long', params: { max } };
      if (origin === 'array' || origin === 'set') return { field, code: 'too_many', params: { max } };
      return { field, code: 'too_big', params: { max } };
    }
    case 'invalid_format':
      if (p.format === 'email') return { field, code: 'invalid_email' };
      if (p.format === 'date' || p.format === 'datetime') return { field, code: 'invalid_date' };
      return { field, code: 'invalid_format' };
    case 'invalid_value':
    case 'invalid_union':
      return { field, code: 'invalid_choice' };
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? (p.keys as string[]) : [];
      return { field: [...segments, keys[0] ?? ''].filter(Boolean).join('.') || field, code: 'unknown_field' };
    }
    case 'custom':
      return { field, code: typeof p.params === 'object' && p.params && 'code' in p.params ? String((p.params as { code: unknown }).code) : 'invalid' };
    default:
      return { field, code: 'invalid' };
  }
}

function valueAt(input: unknown, segments: string[]): unknown {
  let current = input;
  for (const s of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
  fields: FieldProblem[] = [],
  extra: Record<string, unknown> = {},
) {
  const t = translator(languageFromHeader(request.headers['accept-language']));
  const body: ErrorBody = {
    error: {
      ...extra,
      code,
      message: t(`errors.${code}`, { ...params, correlationId: request.id }),
      correlationId: request.id,
    },
  };
  if (fields.length > 0) {
    body.error.fields = fields.map((f) => ({
      field: f.field,
      code: f.code,
      message: t(`validation.${f.code}`, {
        ...f.params,
        field: t(`fields.${f.field}`, { defaultValue: t(`fields.${f.field.split('.').pop()}`, { defaultValue: f.field }) }),
      }),
    }));
  }
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_body',
};

/** The one place where errors become HTTP answers. No stack trace ever reaches a client. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status === 429 && typeof error.params.seconds === 'number') reply.header('retry-after', String(error.params.seconds));
      return sendError(request, reply, error.status, error.code, error.params, error.fields, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const source = error.validationContext;
      const input = source === 'body' ? request.body : source === 'querystring' ? request.query : source === 'params' ? request.params : request.headers;
      const fields = error.validation.map((issue) => fieldProblemFromIssue(issue as unknown as ZodLikeIssue, input));
      return sendError(request, reply, 400, 'validation_failed', {}, fields);
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return sendError(request, reply, error.statusCode ?? 400, known);
    if (error.statusCode === 429) return sendError(request, reply, 429, 'too_many_requests', { seconds: 60 });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ code: error.code }, 'client error');
      return sendError(request, reply, error.statusCode, 'malformed_body');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal');
  });
}
