/**
 * Source Sans 3, the typeface of the Finnish public sector's design system, from
 * @fontsource/source-sans-3. Fontsource splits the face into subsets by script: `latin`
 * (U+0000–00FF and punctuation: å ä ö, the digits, the no-break space) and `latin-ext`
 * (U+0100– : š ž ő … for country names such as "Tšekki"). Neither subset alone covers the
 * overview's text, so the renderers use both: HTML through unicode-range, PDF by writing each
 * run of text in the subset that has its glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type {} from 'pdfkit';

const require = createRequire(import.meta.url);

export type FontSubset = 'latin' | 'latin-ext';
export type FontWeight = 400 | 700;
export const FONT_SUBSETS: readonly FontSubset[] = ['latin', 'latin-ext'];
export const FONT_WEIGHTS: readonly FontWeight[] = [400, 700];

/** The CSS font stack of the design system (suomifi-design-tokens). */
export const FONT_STACK = "'Source Sans 3', 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif";

const files = new Map<string, Buffer>();

/** A font file of the package, read once. */
export function fontFile(subset: FontSubset, weight: FontWeight, format: 'woff' | 'woff2'): Buffer {
  const name = `source-sans-3-${subset}-${weight}-normal.${format}`;
  let data = files.get(name);
  if (!data) {
    data = readFileSync(require.resolve(`@fontsource/source-sans-3/files/${name}`));
    files.set(name, data);
  }
  return data;
}

// The code points of each subset as the package declares them, e.g. "U+0000-00FF,U+0131".
const UNICODE = require('@fontsource/source-sans-3/unicode.json') as Record<string, string>;

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const a = parseInt(from!, 16);
    return [a, to ? parseInt(to, 16) : a];
  });
}

const RANGES: Record<FontSubset, [number, number][]> = {
  latin: parseRanges(UNICODE.latin!),
  'latin-ext': parseRanges(UNICODE['latin-ext']!),
};

/** The CSS unicode-range of a subset. */
export function unicodeRange(subset: FontSubset): string {
  return UNICODE[subset]!;
}

export function inSubset(subset: FontSubset, codePoint: number): boolean {
  return RANGES[subset].some(([a, b]) => codePoint >= a && codePoint <= b);
}

/** Whether a text needs the latin-ext subset at all. */
export function needsExtended(text: string): boolean {
  for (const ch of text) if (!inSubset('latin', ch.codePointAt(0)!)) return true;
  return false;
}

/**
 * The few characters in latin's declared range that its files have no glyph for, replaced:
 * fontkit fails on them (a RangeError) rather than drawing nothing. The narrow no-break space
 * (U+202F, which Intl uses in some locales) becomes an ordinary no-break space, the thin space
 * (U+2009) a space; the zero-width space and the byte-order mark (U+200B, U+FEFF) are dropped.
 */
export function printableText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0').replace(/\u2009/g, ' ').replace(/[\u200b\ufeff]/g, '');
}

/** The text in runs of one subset each: latin where it has the glyph, latin-ext otherwise. */
export function fontRuns(text: string): { subset: FontSubset; text: string }[] {
  const runs: { subset: FontSubset; text: string }[] = [];
  for (const ch of printableText(text)) {
    const subset: FontSubset = inSubset('latin', ch.codePointAt(0)!) ? 'latin' : 'latin-ext';
    const last = runs[runs.length - 1];
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

/** The names under which the PDF renderer registers the faces with pdfkit. */
export function pdfFontName(subset: FontSubset, bold: boolean): string {
  return `SourceSans3${subset === 'latin' ? '' : 'Ext'}${bold ? '-Bold' : ''}`;
}

/** Registers the four faces (two subsets, regular and bold) with a pdfkit document. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const subset of FONT_SUBSETS) {
    for (const weight of FONT_WEIGHTS) {
      // pdfkit reads WOFF through fontkit and embeds only the glyphs used.
      doc.registerFont(pdfFontName(subset, weight === 700), fontFile(subset, weight, 'woff'));
    }
  }
}
