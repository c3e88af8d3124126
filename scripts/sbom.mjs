#!/usr/bin/env node
// `npm run sbom [file]`: the software bill of materials of what Suoja runs on (its production
// dependencies, from package-lock.json) in CycloneDX JSON, by `npm sbom`; dist/sbom.cdx.json by default.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.argv[2] ?? 'dist/sbom.cdx.json');
const run = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', '--omit', 'dev'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) {
  console.error(run.stderr.trim() || `npm sbom: exit ${run.status}`);
  process.exit(run.status ?? 1);
}
const bom = JSON.parse(run.stdout);
// npm names the root after its folder; the product is the package.
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (bom.metadata?.component) bom.metadata.component.name = pkg.name;
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`npm sbom: ${bom.components?.length ?? 0} components (CycloneDX ${bom.specVersion}) written to ${path.relative(root, out)}`);
