/**
 * Fonts for PDFs that print people's names: names come from many countries, so besides latin and
 * latin-ext a document carries the Vietnamese, Cyrillic and Greek subsets of Source Sans 3. A
 * character in none of them is transliterated rather than printed as an empty box.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';
import { fontFile, inSubset, printableText } from '../statistics/render/fonts.js';

const require = createRequire(import.meta.url);
const EXTRA_SUBSETS = ['vietnamese', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext'] as const;
export type ScriptSubset = 'latin' | 'latin-ext' | (typeof EXTRA_SUBSETS)[number];
const SUBSETS: readonly ScriptSubset[] = ['latin', 'latin-ext', ...EXTRA_SUBSETS];
const UNICODE = require('@fontsource/source-sans-3/unicode.json') as Record<string, string>;
const EXTRA_RANGES = Object.fromEntries(
  EXTRA_SUBSETS.map((subset) => [
    subset,
    UNICODE[subset]!.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as const;
    }),
  ]),
) as Record<(typeof EXTRA_SUBSETS)[number], (readonly [number, number])[]>;
const extraFiles = new Map<string, Buffer>();

function subsetFile(subset: ScriptSubset, bold: boolean): Buffer {
  if (subset === 'latin' || subset === 'latin-ext') return fontFile(subset, bold ? 700 : 400, 'woff');
  const name = `source-sans-3-${subset}-${bold ? 700 : 400}-normal.woff`;
  let data = extraFiles.get(name);
  if (!data) {
    data = readFileSync(require.resolve(`@fontsource/source-sans-3/files/${name}`));
    extraFiles.set(name, data);
  }
  return data;
}

function subsetOf(codePoint: number): ScriptSubset | null {
  for (const subset of SUBSETS) {
    if (subset === 'latin' || subset === 'latin-ext' ? inSubset(subset, codePoint) : EXTRA_RANGES[subset].some(([a, b]) => codePoint >= a && codePoint <= b)) return subset;
  }
  return null;
}

export const scriptFontName = (subset: ScriptSubset, bold: boolean): string => `SourceSans3-${subset}${bold ? '-Bold' : ''}`;

/** The text in runs of one subset each; precomposed first, so that e.g. Vietnamese finds its glyphs. */
export function scriptRuns(text: string): { subset: ScriptSubset; text: string }[] {
  const runs: { subset: ScriptSubset; text: string }[] = [];
  const push = (subset: ScriptSubset, part: string) => {
    const last = runs[runs.length - 1];
    if (last && last.subset === subset) last.text += part;
    else runs.push({ subset, text: part });
  };
  for (const ch of printableText(text.normalize('NFC'))) {
    const subset = subsetOf(ch.codePointAt(0)!);
    if (subset) {
      push(subset, ch);
      continue;
    }
    // Emoji and other symbols have no letters to offer (any-ascii names them like ":smile:").
    const latin = anyAscii(ch);
    if (latin && !/^:.*:$/.test(latin)) push('latin', latin);
  }
  return runs;
}


/** Registers every subset, regular and bold, under `scriptFontName`. */
export function registerScriptFonts(pdf: PDFKit.PDFDocument): void {
  for (const subset of SUBSETS) for (const bold of [false, true]) pdf.registerFont(scriptFontName(subset, bold), subsetFile(subset, bold));
}
