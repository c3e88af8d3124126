#!/usr/bin/env node
// `npm test`: build what the browser tier serves, then run the unit, integration and
// end-to-end tiers in one Vitest run (which ends with a "Tests: N passed, N failed" line).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

if (process.env.SUOJA_TEST_SKIP_BUILD !== '1') {
  const built = run('npm', ['run', '--silent', 'build']);
  if (built !== 0) {
    console.error('npm test: the build failed, so the tests did not run.');
    process.exit(built);
  }
}
const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite (in memory)';
console.log(`npm test: integration tier on ${engine}`);
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
