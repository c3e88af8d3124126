import fc from 'fast-check';
import { createLogger } from '../src/server/logger.js';
import { createFuzzEnv, requestArbitrary } from '../test/fuzz/harness.js';
const seen = new Set<string>();
const env = await createFuzzEnv({ logger: createLogger('error', { write: (line: string) => { const e = JSON.parse(line); const k = e.err?.message; if (k && !seen.has(k)) { seen.add(k); console.log(e.err.message, '\n', e.err.stack.split('\n').slice(0, 8).join('\n')); } } }) });
const keys = process.argv.slice(2);
for (const op of env.operations.filter((o) => keys.includes(o.key))) {
  const samples = fc.sample(requestArbitrary(env, op, { valid: 1, invalid: 1, junk: 0 }), { numRuns: 600, seed: 7 });
  let fails = 0;
  for (const r of samples) {
    const res = await env.send(op, r);
    if (res.statusCode >= 500 && fails++ < 1) console.log(op.key, JSON.stringify(r.body).slice(0, 1500));
  }
  console.log(op.key, 'failures', fails);
}
await env.close();
