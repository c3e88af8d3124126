#!/usr/bin/env node
// `npm run audit`: `npm audit --audit-level=high` with an answer a person can read. Fails (exit 1)
// on any high or critical advisory. When the advisory service cannot be reached (offline, a
// registry mirror without the audit endpoint), it says so plainly and does not fail the build,
// unless SUOJA_AUDIT_REQUIRED=1.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? report?.error?.summary ?? report?.error?.code ?? (run.stderr.trim().split('\n').pop() || `exit ${run.status}`);
  console.error(`npm audit: the advisory service could not be reached (${reason}).`);
  console.error('npm audit: the dependencies were NOT checked for known vulnerabilities. Run `npm run audit` where the registry is reachable.');
  process.exit(process.env.SUOJA_AUDIT_REQUIRED === '1' ? 1 : 0);
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
console.log(
  `npm audit: ${counts.total} known vulnerabilities in ${report.metadata.dependencies?.total ?? '?'} dependencies ` +
    `(critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}, info ${counts.info}).`,
);
for (const [name, v] of serious) {
  const via = v.via.map((x) => (typeof x === 'string' ? x : x.title ?? x.url)).join('; ');
  console.log(`  ${v.severity.padEnd(8)} ${name} ${v.range}: ${via}${v.fixAvailable ? ' (fix available)' : ''}`);
}
if (serious.length > 0) {
  console.error(`npm audit: ${serious.length} package(s) with high or critical advisories.`);
  process.exit(1);
}
console.log('npm audit: no high or critical advisories.');
