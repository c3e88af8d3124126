/**
 * JSON Schema → fast-check: values that satisfy a schema (with hostile text wherever free text
 * is allowed, and boundary values), and values that break it (wrong types, out-of-range
 * numbers, strings past their limits, missing and unknown fields). Covers what the API's
 * schemas use: objects, strings with formats, lengths and patterns, enums, numbers and
 * integers with bounds, arrays, anyOf/oneOf/allOf and nullable (as `anyOf` with `null`).
 */
import fc from 'fast-check';
import { HOSTILE_STRINGS, LONG_STRINGS } from './hostile.js';
import type { JsonSchema } from './openapi.js';

export interface SchemaArbitraryOptions {
  /** Values for a uuid-formatted string: the ids of records that exist, mixed with random ones. */
  uuid?: (field: string) => fc.Arbitrary<string>;
  /** Values that a field's rules beyond its schema accept (office codes, country codes), mixed in with the rest. */
  hint?: (field: string) => fc.Arbitrary<string> | undefined;
}

const codePoints = (s: string) => [...s].length;
const fits = (s: string, min: number, max: number) => codePoints(s) >= min && codePoints(s) <= max;

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

const BOUNDARY_DATES = ['0001-01-01', '0000-01-01', '1900-01-01', '1969-12-31', '1970-01-01', '2000-02-29', '2024-02-29', '2038-01-19', '9999-12-31'];

/** Calendar dates, mostly recent, sometimes at the edges of what a date can be. */
export const isoDate = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: 2, arbitrary: fc.constantFrom(...BOUNDARY_DATES) },
    { weight: 1, arbitrary: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  );

export const isoDateTime = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.constantFrom(...BOUNDARY_DATES.map((d) => `${d}T00:00:00Z`), '9999-12-31T23:59:59.999Z') },
  );

/** Free text within its limits: plain, any Unicode, hostile probes that fit, and the longest allowed. */
export function text(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, 60);
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: Math.max(min, cap) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, cap) }).filter((s) => fits(s, min, max)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.max(min, Math.min(cap, 20)) }).filter((s) => fits(s, min, max)) },
  ];
  const hostile = HOSTILE_STRINGS.filter((s) => fits(s, min, max));
  if (hostile.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...hostile) });
  if (max <= 5_000 && max > 0) options.push({ weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'ä'.repeat(max)) });
  return fc.oneof(...options);
}

function stringValue(schema: JsonSchema, field: string, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  if (schema.format === 'uuid') return options.uuid ? options.uuid(field) : fc.uuid();
  const hinted = options.hint?.(field);
  if (hinted) return fc.oneof({ weight: 3, arbitrary: hinted.filter((s) => fits(s, min, max)) }, { weight: 1, arbitrary: stringValue(schema, field, { ...options, hint: undefined }) });
  if (schema.format === 'date') return isoDate();
  if (schema.format === 'date-time') return isoDateTime();
  if (schema.format === 'email') {
    return fc.oneof(fc.emailAddress().filter((s) => fits(s, min, max) && (!schema.pattern || new RegExp(schema.pattern).test(s))), fc.constantFrom('staff@example.fi', "o'brien+x@sub.example.org"));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => fits(s, min, max));
  return text(min, max);
}

function integerValue(min: number, max: number): fc.Arbitrary<number> {
  const edges = [min, max, 0, 1, -1].filter((n) => n >= min && n <= max);
  const inRange =
    min >= -0x80000000 && max <= 0x7fffffff ? fc.integer({ min, max }) : fc.maxSafeInteger().map((n) => Math.min(max, Math.max(min, n)));
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function bounds(schema: JsonSchema): { min: number; max: number } {
  let min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  let max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + 1;
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - 1;
  return { min, max };
}

/** Values that satisfy `schema`. */
export function validValue(schema: JsonSchema, options: SchemaArbitraryOptions = {}, field = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(...members.map((m) => validValue(m, options, field)));
  if (schema.allOf) return validValue(mergeAllOf(schema), options, field);
  switch (typeOf(schema)) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringValue(schema, field, options);
    case 'integer': {
      const { min, max } = bounds(schema);
      return integerValue(Math.ceil(min), Math.floor(max));
    }
    case 'number': {
      const { min, max } = bounds(schema);
      return fc.oneof(integerValue(Math.ceil(min), Math.floor(max)), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case 'array': {
      const item = validValue(schema.items ?? {}, options, field);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      const arrays: fc.Arbitrary<unknown[]>[] = [fc.array(item, { minLength, maxLength })];
      if (schema.maxItems !== undefined && schema.maxItems > maxLength && schema.maxItems <= 25) arrays.push(fc.array(item, { minLength: schema.maxItems, maxLength: schema.maxItems }));
      return fc.oneof(...arrays);
    }
    case 'object':
      return objectValue(schema, options, field);
    default:
      if (schema.properties) return objectValue(schema, options, field);
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(schema: JsonSchema, options: SchemaArbitraryOptions, field: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(v, options, k)]));
  const known = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
  if (typeof schema.additionalProperties === 'object') {
    const extra = fc.dictionary(text(1, 20), validValue(schema.additionalProperties, options, field), { maxKeys: 3 });
    return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
  }
  return known as fc.Arbitrary<Record<string, unknown>>;
}

function mergeAllOf(schema: JsonSchema): JsonSchema {
  const { allOf = [], ...rest } = schema;
  const merged: JsonSchema = { ...rest };
  for (const part of allOf) {
    const p = part.allOf ? mergeAllOf(part) : part;
    Object.assign(merged, p, {
      properties: { ...merged.properties, ...p.properties },
      required: [...(merged.required ?? []), ...(p.required ?? [])],
    });
  }
  return merged;
}

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, -0.000001, 2 ** 53 + 2, -(2 ** 63), 1e308, '', 'x', '1', 'true', 'null', [], [null], {}, { '': null }];

/** Values that probably break `schema` (a wrong type, out of range, malformed, or an object with a missing, wrong or unknown field). */
export function invalidValue(schema: JsonSchema, options: SchemaArbitraryOptions = {}, field = ''): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom(...WRONG_TYPES);
  const specific = specificInvalid(schema, options, field);
  return specific ? fc.oneof({ weight: 1, arbitrary: wrongType }, { weight: 3, arbitrary: specific }) : wrongType;
}

function specificInvalid(schema: JsonSchema, options: SchemaArbitraryOptions, field: string): fc.Arbitrary<unknown> | null {
  if (schema.enum) return fc.constantFrom('not-a-choice', ...schema.enum.filter((e): e is string => typeof e === 'string').map((e) => e.toUpperCase() + ' '), ...HOSTILE_STRINGS.slice(0, 12));
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(...members.filter((m) => typeOf(m) !== 'null').map((m) => invalidValue(m, options, field)));
  if (schema.allOf) return specificInvalid(mergeAllOf(schema), options, field);
  switch (typeOf(schema)) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength;
      const bad: string[] = [...HOSTILE_STRINGS, ...LONG_STRINGS, 'not-a-uuid', '2025-02-30', '2025-13-01', '99999-01-01', '2025-1-1', '00000000-0000-0000-0000-00000000000g', 'a@', '@b.c'];
      if (max !== undefined) bad.push('y'.repeat(max + 1));
      if (min > 0) bad.push('z'.repeat(min - 1));
      return fc.oneof(fc.constantFrom(...bad), fc.string({ unit: 'binary', maxLength: 30 }));
    }
    case 'integer':
    case 'number': {
      const { min, max } = bounds(schema);
      const bad = [min - 1, max + 1, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e308, -1e308].filter((n) => n < min || n > max);
      if (typeOf(schema) === 'integer') bad.push(0.5, Math.max(min, Math.min(max, 1)) + 0.25);
      return fc.oneof(fc.constantFrom(...bad), fc.constantFrom('12', '1e3', '0x10', 'Infinity', '-Infinity', 'NaN'));
    }
    case 'array': {
      const item = schema.items ?? {};
      const options2: fc.Arbitrary<unknown>[] = [fc.array(invalidValue(item, options, field), { minLength: 1, maxLength: 3 })];
      if (schema.maxItems !== undefined && schema.maxItems < 2000) options2.push(fc.array(validValue(item, options, field), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
      if (schema.minItems) options2.push(fc.constant([]));
      return fc.oneof(...options2);
    }
    case 'object':
      return objectMutation(schema, options, field);
    default:
      return schema.properties ? objectMutation(schema, options, field) : null;
  }
}

function objectMutation(schema: JsonSchema, options: SchemaArbitraryOptions, field: string): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const base = objectValue(schema, options, field);
  const mutations: fc.Arbitrary<unknown>[] = [
    // An unknown field (strict objects refuse it), including keys that poison prototypes.
    fc.tuple(base, fc.constantFrom('extra', '__proto__', 'constructor', 'isAdmin', 'id', 'roles', ''), fc.jsonValue({ maxDepth: 2 })).map(([o, k, v]) => {
      const copy: Record<string, unknown> = { ...o };
      Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
  ];
  if (required.length > 0) {
    mutations.push(fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
      const copy = { ...o };
      delete copy[k];
      return copy;
    }));
  }
  if (properties.length > 0) {
    mutations.push(
      fc.constantFrom(...properties).chain(([k, s]) => fc.tuple(base, invalidValue(s, options, k)).map(([o, v]) => ({ ...o, [k]: v }))),
    );
  }
  return fc.oneof(...mutations);
}

/** Any JSON at all. */
export const anyJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 3 });

/**
 * One complete, deterministic value of a schema: every optional field present, arrays with one
 * element, null avoided, plain text where text goes — a base into which probes are put field by field.
 */
export function exampleValue(schema: JsonSchema, options: { uuid: string; date: string } = { uuid: '00000000-0000-4000-8000-000000000000', date: '2025-01-15' }): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return exampleValue(members.find((m) => typeOf(m) !== 'null') ?? members[0]!, options);
  if (schema.allOf) return exampleValue(mergeAllOf(schema), options);
  switch (typeOf(schema)) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'uuid') return options.uuid;
      if (schema.format === 'date') return options.date;
      if (schema.format === 'date-time') return `${options.date}T08:00:00.000Z`;
      if (schema.format === 'email') return 'probe@example.fi';
      if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1, numRuns: 1 })[0];
      const max = schema.maxLength ?? 100;
      return max <= 3 ? 'FI'.slice(0, max) : 'Example text'.slice(0, max).padEnd(schema.minLength ?? 0, 'x');
    }
    case 'integer':
    case 'number': {
      const { min, max } = bounds(schema);
      return Math.min(max, Math.max(min, 1));
    }
    case 'array': {
      const count = Math.max(1, schema.minItems ?? 0);
      return Array.from({ length: count }, () => exampleValue(schema.items ?? {}, options));
    }
    default: {
      if (!schema.properties && typeOf(schema) !== 'object') return 'x';
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleValue(v, options)]));
    }
  }
}

/** The paths of the free-text strings of a schema (no enum, format or pattern), arrays entered at index 0. */
export function textFieldPaths(schema: JsonSchema, path: (string | number)[] = []): (string | number)[][] {
  const members = schema.anyOf ?? schema.oneOf;
  if (members) {
    const inner = members.find((m) => typeOf(m) !== 'null');
    return inner ? textFieldPaths(inner, path) : [];
  }
  if (schema.allOf) return textFieldPaths(mergeAllOf(schema), path);
  if (schema.enum || schema.const !== undefined) return [];
  switch (typeOf(schema)) {
    case 'string':
      return schema.format || schema.pattern || (schema.maxLength !== undefined && schema.maxLength <= 3) ? [] : [path];
    case 'array':
      return textFieldPaths(schema.items ?? {}, [...path, 0]);
    default:
      return Object.entries(schema.properties ?? {}).flatMap(([k, v]) => textFieldPaths(v, [...path, k]));
  }
}

/** A copy of `value` with `replacement` at `path`. */
export function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withValueAt(v, rest, replacement) : v));
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head!]: withValueAt(object[head!], rest, replacement) };
}
