#!/usr/bin/env node
// The `suoja` command: runs the built command line from dist/ (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('suoja: the application is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
