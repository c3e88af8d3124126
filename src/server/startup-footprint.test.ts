import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The document libraries are large (ECharts alone is some 11 MB of heap) and only the requests
 * that produce a chart, a PDF, a workbook or a cleaned image need them: starting the server
 * must not load them. A child process imports the CLI (what `suoja serve` runs) and reports
 * every module resolved through the ESM loader or held in the CommonJS cache.
 */
const HEAVY = ['echarts', 'exceljs', 'pdfkit', 'svg-to-pdfkit', 'sharp', 'unzipper'] as const;

const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;

const CHILD = `
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = [];
const waiting = new Map();
port1.on('message', (url) => { urls.push(url); waiting.get(url)?.(); });
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
const heavy = /[\\\\/]node_modules[\\\\/](${HEAVY.join('|')})[\\\\/]/;
async function loaded() {
  // Messages arrive in order: once a fresh module's is in, every earlier one is too.
  const sentinel = 'data:text/javascript,export default ' + waiting.size;
  const done = new Promise((resolve) => waiting.set(sentinel, resolve));
  await import(sentinel);
  await done;
  const files = [...urls, ...Object.keys(createRequire(import.meta.url).cache).map((p) => pathToFileURL(p).href)];
  return [...new Set(files.map((u) => heavy.exec(u)?.[1]).filter(Boolean))].sort();
}
await import('./src/server/cli.ts');
const atStart = await loaded();
const { loadExcel } = await import('./src/server/xlsx/exceljs.ts');
const { loadPdfKit } = await import('./src/server/pdf/pdfkit.ts');
await Promise.all([loadExcel(), loadPdfKit()]);
const afterUse = await loaded();
console.log(JSON.stringify({ atStart, afterUse }));
process.exit(0);
`;

describe('start-up footprint', () => {
  it('loads no document library until a request needs one', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { encoding: 'utf8', timeout: 60_000 });
    const { atStart, afterUse } = JSON.parse(out.trim().split('\n').pop()!) as { atStart: string[]; afterUse: string[] };
    expect(atStart).toEqual([]);
    // The check does see a library once it is loaded.
    expect(afterUse).toEqual(expect.arrayContaining(['exceljs', 'pdfkit']));
  }, 60_000);
});
