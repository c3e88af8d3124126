import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { periodOf } from '../statistics/period.js';
import { renderLiveOverview } from '../statistics/render/document.js';
import { loadDemo } from './load.js';

const HAS_PDFTOTEXT = existsSync('/usr/bin/pdftotext');
let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.ctx);
  dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-overview-'));
}, 180_000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function pdfText(lang: 'sv' | 'fi' | 'en') {
  const doc = await renderLiveOverview(t.database.db, periodOf(2025), 5, lang, 'pdf');
  const file = path.join(dir, `overview-${lang}.pdf`);
  await writeFile(file, doc.body);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
}

describe.skipIf(!HAS_PDFTOTEXT)('the 2025 overview of the demo data set as a PDF', () => {
  it('carries every number of the 2025 edition in its Swedish sentences', async () => {
    const text = await pdfText('sv');
    for (const sentence of [
      'mottog hjälpsystemet för offer för människohandel 467 ansökningar, varav 271 accepterades som nya klienter',
      'Hälften av ansökningarna kom via Migrationsverket',
      'En av fem ansökningar',
      'fördubblades jämfört med föregående år',
      'Totalt fattades 271 positiva beslut',
      'Totalt fattades 154 negativa beslut',
      '(49 %)',
      '(40 %)',
      'Hjälpinsatser avslutades för 169 personer',
      '(58 %)',
      'var 36 procent',
      'blev 271 offer för människohandel och 32 barn till dem klienter. 61 procent',
      'Omkring 4 procent',
      '42 procent',
      '35 procent',
      '15 procent',
      '3 procent',
      'Tre klienter var äldre än så',
      'representerade 50 olika nationaliteter',
      'Nepal och Somalia',
      'totalt 18 personer (7 %)',
      'var 10 personer minderåriga',
      'Andra länder (26 %)',
      'totalt begicks 314 människohandelsincidenter',
      'avslöjades 141 fall',
      '86 av offren var män och 55 var kvinnor',
      'representerade 31 nationaliteter',
      'totalt 149 människohandelsincidenter',
      '(8 personer)',
      '(101 incidenter, 68 %)',
      'fanns det 54 offer för tvångsarbete',
      '42 % av offren i Finland nepaleser (59 personer)',
      '12 procent (17 personer)',
      'gett 35 människohandelsoffer betänketid',
      '(68 %)',
      '(50 personer)',
      '(21)',
      '(13 personer)',
      'nio personer asylsökande (6 %)',
      '14 personer var utan laglig uppehållsrätt',
      '1 634 klienter, varav 1 331 var identifierade offer och 210',
      '10 barn och 85 personer',
      'Omkring 61 procent',
    ]) {
      expect(text).toContain(sentence);
    }
  }, 120_000);

  it('has the same numbers in Finnish and English', async () => {
    for (const lang of ['fi', 'en'] as const) {
      const text = await pdfText(lang);
      for (const n of ['467', '271', '154', '169', '32', '314', '141', '149', '101', '54', '35', '1 634', '1 331', '210', '85', '68 %', '49 %']) {
        expect({ lang, n, found: text.includes(lang === 'en' ? n.replace(' %', '%').replace('1 634', '1,634').replace('1 331', '1,331') : n) }).toEqual({ lang, n, found: true });
      }
    }
  }, 120_000);
});
