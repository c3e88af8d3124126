import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontRuns, pdfFontName, printableText, registerPdfFonts } from '../statistics/render/fonts.js';
import { registerScriptFonts, scriptFontName, scriptRuns } from './scripts.js';

// Declared in the latin subset's range, but without a glyph: fontkit used to throw a RangeError on them.
const NO_GLYPH = 'thin\u2009space, zero\u200bwidth, \ufeffbom, narrow\u202fno-break';

describe('text for PDFs', () => {
  it('replaces the characters the font files have no glyph for', () => {
    expect(printableText(NO_GLYPH)).toBe('thin space, zerowidth, bom, narrow\u00a0no-break');
  });

  it('lays out such text in letters and subject-access exports', () => {
    const pdf = new PDFDocument();
    registerScriptFonts(pdf);
    for (const bold of [false, true]) {
      for (const run of scriptRuns(NO_GLYPH)) expect(pdf.font(scriptFontName(run.subset, bold)).widthOfString(run.text)).toBeGreaterThan(0);
    }
  });

  it('lays out such text in the statistics documents', () => {
    const pdf = new PDFDocument();
    registerPdfFonts(pdf);
    for (const bold of [false, true]) {
      for (const run of fontRuns(NO_GLYPH)) expect(pdf.font(pdfFontName(run.subset, bold)).widthOfString(run.text)).toBeGreaterThan(0);
    }
  });
});
