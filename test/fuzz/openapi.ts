/**
 * The API's own OpenAPI document, read as a list of operations with their JSON schemas
 * resolved (no `$ref`) and OpenAPI 3.0's `nullable` turned into plain JSON Schema, so that
 * the same schema drives both the request generators and the response validation.
 */
import type { FastifyInstance } from 'fastify';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  $ref?: string;
  [keyword: string]: unknown;
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/clients/{id}/notes`: how the document names it. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `/api/clients/{id}`. */
  path: string;
  /** The Fastify route, `/api/clients/:id`. */
  route: string;
  pathParams: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** The JSON body's schema, or null when the operation documents none. */
  body: JsonSchema | null;
  /** Documented answers: status → JSON schema of the body (null: documented without a JSON body). */
  responses: Record<string, JsonSchema | null>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Inlines `$ref`s and rewrites `nullable: true` as `anyOf: [{ type: 'null' }, …]`. */
export function normalizeSchema(schema: JsonSchema, components: Record<string, JsonSchema> = {}, seen: string[] = []): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    const target = components[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return normalizeSchema({ ...target, ...rest }, components, [...seen, name]);
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, normalizeSchema(v, components, seen)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = normalizeSchema(value as JsonSchema, components, seen);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = (value as JsonSchema[]).map((v) => normalizeSchema(v, components, seen));
    } else if (key !== 'nullable') {
      out[key] = value;
    }
  }
  // A lone allOf member (how zod writes a reused schema with a default) is that member.
  if (out.allOf?.length === 1 && Object.keys(out).every((k) => k === 'allOf' || k === 'default' || k === 'description')) {
    const { allOf, ...rest } = out;
    Object.assign(out, { ...allOf[0], ...rest });
    delete out.allOf;
  }
  if (schema.nullable === true) {
    const { default: fallback, ...inner } = out;
    return { anyOf: [{ type: 'null' }, inner], ...(fallback !== undefined ? { default: fallback } : {}) };
  }
  return out;
}

/** Every operation of the app's OpenAPI document (the app must be ready). */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as OpenApiDocument;
  const components = doc.components?.schemas ?? {};
  const norm = (s: JsonSchema) => normalizeSchema(s, components);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = (where: string) =>
        (op.parameters ?? []).filter((p) => p.in === where).map((p) => ({ name: p.name, required: p.required === true || where === 'path', schema: norm(p.schema) }));
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const responses: Record<string, JsonSchema | null> = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        responses[status] = schema ? norm(schema) : null;
      }
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: params('path'),
        query: params('query'),
        headers: params('header'),
        body: bodySchema ? norm(bodySchema) : null,
        responses,
      });
    }
  }
  return operations;
}
