import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from './errors.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A NUL character or half of a surrogate pair: text PostgreSQL cannot store (text, jsonb). */
export function hasUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** The dotted path of the first string (or key) in a parsed request part that holds such text; null when none does. */
export function unstorableField(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return hasUnstorableText(value) ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableField(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  // Parsed JSON and query strings only: raw bodies (Buffer) and streams are read by their own routes.
  if (value !== null && typeof value === 'object') {
    if (ArrayBuffer.isView(value) || Symbol.asyncIterator in value) return null;
    for (const [key, item] of Object.entries(value)) {
      if (hasUnstorableText(key)) return [...path, key].join('.');
      const found = unstorableField(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Refuses, on every route and before its schema, text that the database cannot store: a 400
 * naming the field rather than a database error (500) halfway through the work.
 */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = unstorableField(part);
      if (field !== null) throw new ValidationFailed([{ field: field || 'request', code: 'invalid_characters' }]);
    }
  });
}
