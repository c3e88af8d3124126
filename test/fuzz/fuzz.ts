/**
 * The fuzzing tier: every operation of the OpenAPI document gets FUZZ_RUNS generated requests,
 * spread over two test files (which Vitest runs side by side where it has the cores).
 * Properties: no 5xx; the security headers on every answer; every error is
 * `{ error: { code, message, correlationId } }` without a stack; every 2xx is documented and
 * fits its published schema. FUZZ_SEED replays a run; FUZZ_REPORT=1 prints what each route answered.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../src/server/access/route-access.js';
import { TEST_ENGINE } from '../database.js';
import { createFuzzEnv, DEFAULT_MIX, describeRequest, requestArbitrary, responseProblem, type Mix } from './harness.js';
import { validValue } from './arbitraries.js';
import type { Operation } from './openapi.js';
import { ResponseSchemas } from './response-schemas.js';

/**
 * Generated requests per route: 1,000 on PostgreSQL and 750 on PGlite, where the database shares
 * the test's core, so that each engine's run takes 3–4 minutes on CI's two cores (docs/security.md,
 * "Security testing"). FUZZ_RUNS sets any other number. The seed changes with every run, so each
 * CI run covers new ground; FUZZ_SEED replays one.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? (TEST_ENGINE === 'postgres' ? 1_000 : 750));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** The two files the routes are split between (by path prefix): case work, and the rest. */
export type Shard = 'casework' | 'platform';

const CASEWORK = ['/api/clients', '/api/exploitation', '/api/services', '/api/notes', '/api/tasks', '/api/attachments', '/api/helpline', '/api/applications', '/api/persons/similar', '/api/staff', '/api/decisions', '/api/worklists'];

export function shardOf(op: Operation): Shard {
  return CASEWORK.some((p) => op.path === p || op.path.startsWith(`${p}/`)) ? 'casework' : 'platform';
}

/**
 * Routes whose well-formed requests are expensive (Argon2 hashing, documents rendered as PDF
 * or XLSX, statistics over the register, imports): still FUZZ_RUNS requests each, but most of
 * them broken, which the schema refuses before any work is done.
 */
const MIXES: Record<string, Mix> = {
  'POST /api/auth/sign-in': { valid: 1, invalid: 12, junk: 4 },
  'POST /api/auth/setup': { valid: 2, invalid: 6, junk: 2 },
  'GET /api/statistics/overview': { valid: 1, invalid: 8, junk: 2 },
  'GET /api/statistics/overview/document': { valid: 1, invalid: 30, junk: 5 },
  'GET /api/statistics/releases/{id}/document': { valid: 1, invalid: 20, junk: 5 },
  'GET /api/statistics/international/{standard}': { valid: 1, invalid: 20, junk: 5 },
  // Each well-formed request computes every year's figures from 2006 to `until` (up to 2100).
  'GET /api/statistics/trend': { valid: 1, invalid: 200, junk: 50 },
  'GET /api/statistics/releases/{id}/compare': { valid: 1, invalid: 8, junk: 2 },
  'POST /api/statistics/releases': { valid: 1, invalid: 8, junk: 2 },
  'GET /api/statistics/explain': { valid: 1, invalid: 5, junk: 2 },
  'GET /api/subject-access': { valid: 1, invalid: 10, junk: 3 },
  'GET /api/decisions/{id}/letter': { valid: 1, invalid: 6, junk: 2 },
  'POST /api/settings/letter-templates/preview': { valid: 1, invalid: 30, junk: 10 },
  'POST /api/exchange/import': { valid: 1, invalid: 4, junk: 2 },
  'GET /api/exchange/export': { valid: 1, invalid: 10, junk: 3 },
  'POST /api/retention/run': { valid: 1, invalid: 4, junk: 2 },
};

interface Tally {
  op: string;
  ms: number;
  sendMs: number;
  statuses: Map<number, number>;
}

/** Declares one test per operation of the shard, each sending FUZZ_RUNS generated requests. */
export async function fuzzShard(shard: Shard) {
  const env = await createFuzzEnv();
  const operations = env.operations.filter((op) => shardOf(op) === shard);
  const tallies: Tally[] = [];
  afterAll(async () => {
    if (process.env.FUZZ_REPORT) {
      const lines = tallies.map((t) => `${t.op.padEnd(52)} ${(t.ms / 1000).toFixed(1).padStart(6)} s (sending ${(t.sendMs / 1000).toFixed(1)} s)  ${[...t.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      console.warn(`fuzz ${shard} on ${TEST_ENGINE}, ${FUZZ_RUNS} requests per route\n${lines.join('\n')}`);
    }
    await env.close();
  });

  describe(`fuzzing the API from its OpenAPI document: ${shard} (${TEST_ENGINE})`, () => {
    it('has routes to fuzz', () => {
      expect(operations.length).toBeGreaterThan(0);
    });
    if (shard === 'platform') {
      it('fuzzes every API route: each one is in the OpenAPI document', () => {
        const documented = new Set(env.operations.map((op) => `${op.method} ${op.route}`));
        const routes = declaredRoutes(env.app).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
        expect(routes.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r))).toEqual([]);
        expect(env.operations.length).toBe(routes.length);
      });
      it('generates well-formed bodies that fit the schemas they come from', () => {
        const ajv = new ResponseSchemas();
        for (const op of env.operations) {
          if (!op.body) continue;
          for (const value of fc.sample(validValue(op.body, { uuid: () => fc.uuid() }), { numRuns: 50 })) {
            expect({ op: op.key, problem: ajv.check(op.key, 'request', op.body, JSON.stringify(value)) }).toEqual({ op: op.key, problem: null });
          }
        }
      });
    }
    for (const op of operations) {
      it(`${op.key}: ${FUZZ_RUNS} generated requests, no 5xx, headers, error shape, schema`, async () => {
        const tally: Tally = { op: op.key, ms: 0, sendMs: 0, statuses: new Map() };
        tallies.push(tally);
        const started = performance.now();
        await fc.assert(
          fc.asyncProperty(requestArbitrary(env, op, MIXES[op.key] ?? DEFAULT_MIX), async (request) => {
            const sendStarted = performance.now();
            const res = await env.send(op, request);
            tally.sendMs += performance.now() - sendStarted;
            tally.statuses.set(res.statusCode, (tally.statuses.get(res.statusCode) ?? 0) + 1);
            const problem = responseProblem(env, op, res);
            if (problem) throw new Error(`${problem}\nrequest: ${describeRequest(op, request)}`);
          }),
          { numRuns: FUZZ_RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
        );
        tally.ms = performance.now() - started;
      }, 600_000);
    }
  });
}
