/**
 * The overview as a printable A4 PDF: a title block with the introduction and contacts, then
 * one section per page-start, each with its text, charts (vector, from the same SVG as the web
 * page) and the charts' numbers as small tables. All text is real text in the embedded
 * Source Sans 3, so it can be searched, copied and read by assistive technology. The PDF is
 * tagged: every word is in its structure tree in reading order — the title a first-level
 * heading, each section a second-level one, paragraphs, each chart a figure whose alternative
 * text names it and points to its numbers, which follow as a table with header cells — and
 * what only decorates (bands, rules, page footers) is marked as an artifact.
 *
 * The same document gives the same bytes: the creation date comes from the period, and
 * nothing else in the file depends on the clock.
 */
import { onFirstUse } from '../../on-first-use.js';
import { loadPdfKit } from '../../pdf/pdfkit.js';
import { structureTree } from '../../pdf/tagged.js';
import type { OverviewDocument } from '../overview/document.js';
import { chartSvg, chartTable, COLOURS, escapeXml, svgSize, type ChartTable } from './charts.js';
import { fontRuns, needsExtended, pdfFontName, printableText, registerPdfFonts } from './fonts.js';
import { disclosureNote, RENDER_STRINGS } from './strings.js';

export interface PdfOptions {
  /** The document's creation date; by default the last day of the period. */
  creationDate?: Date;
  /** What svg-to-pdfkit could not draw of a chart; by default printed as a warning. */
  onWarning?: (message: string) => void;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 64, bottom: 72, left: 64, right: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY = { size: 10.5, lineGap: 2.6 };
const TABLE = { size: 8.5, padding: 3, numberWidth: 64 };

/** The last day of the period the label names ("2025", "1.1.–30.6.2025", "1 January – 30 June 2025"). */
export function periodEnd(periodLabel: string): Date {
  const years = periodLabel.match(/\d{4}/g) ?? [];
  const year = Number(years[years.length - 1] ?? 1970);
  const half = periodLabel.trim() !== String(year);
  return half ? new Date(Date.UTC(year, 5, 30)) : new Date(Date.UTC(year, 11, 31));
}

/** svg-to-pdfkit, loaded when an overview is first written as PDF. */
const loadSvgToPdf = onFirstUse(() => import('svg-to-pdfkit'));

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
  lineGap?: number;
}

export async function renderPdf(doc: OverviewDocument, options: PdfOptions = {}): Promise<Buffer> {
  const s = RENDER_STRINGS[doc.lang];
  const [PDFDocument, drawSvg] = await Promise.all([loadPdfKit(), loadSvgToPdf()]);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: doc.lang,
    displayTitle: true,
    info: {
      Title: doc.title,
      Subject: `${s.publication} ${doc.periodLabel}`,
      Creator: 'Suoja',
      CreationDate: options.creationDate ?? periodEnd(doc.periodLabel),
    },
  });
  registerPdfFonts(pdf);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const { tag, begin, finish, artifact, end: endTree } = structureTree(pdf);
  const bottom = () => PAGE.height - MARGIN.bottom;
  const ensure = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };

  /** Writes text in runs of the font subset that has the glyphs (see fonts.ts). */
  function write(text: string, style: Style, opts: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}): void {
    const { x, y, ...textOptions } = opts;
    pdf.fillColor(style.color ?? COLOURS.text).fontSize(style.size);
    const runs = fontRuns(text);
    runs.forEach((run, i) => {
      pdf.font(pdfFontName(run.subset, style.bold ?? false));
      const o = { lineGap: style.lineGap ?? 0, ...textOptions, continued: i < runs.length - 1 };
      if (i === 0 && x !== undefined) pdf.text(run.text, x, y ?? pdf.y, o);
      else pdf.text(run.text, o);
    });
  }

  function heightOf(text: string, style: Style, width: number): number {
    pdf.font(pdfFontName('latin', style.bold ?? false)).fontSize(style.size);
    // Measured as written: the characters without a glyph replaced, as in fontRuns().
    return pdf.heightOfString(printableText(text), { width, lineGap: style.lineGap ?? 0 });
  }

  function paragraph(raw: string, style: Style = BODY): void {
    const text = keepTogether(raw);
    // At least three lines, or the whole paragraph, before a page break.
    ensure(Math.min(heightOf(text, style, CONTENT_WIDTH), 3 * (style.size * 1.2 + (style.lineGap ?? 0))));
    tag('P', () => write(text, style, { x: MARGIN.left, width: CONTENT_WIDTH }));
    pdf.y += 7;
  }

  // ---- Title block, introduction and contacts -------------------------------------------------
  const kicker = `${s.publication.toLocaleUpperCase(doc.lang)} ${doc.periodLabel}`;
  const titleStyle: Style = { size: 24, bold: true, color: COLOURS.white, lineGap: 1 };
  const bandHeight = MARGIN.top + 18 + heightOf(doc.title, titleStyle, CONTENT_WIDTH) + 34;
  artifact(() => {
    pdf.rect(0, 0, PAGE.width, bandHeight).fill(COLOURS.brand);
    pdf.rect(0, bandHeight, PAGE.width, 5).fill(COLOURS.accent);
  });
  tag('P', () => write(kicker, { size: 10, bold: true, color: '#d5e4f6' }, { x: MARGIN.left, y: MARGIN.top - 8, width: CONTENT_WIDTH, characterSpacing: 0.8 }));
  tag('H1', () => write(doc.title, titleStyle, { x: MARGIN.left, y: MARGIN.top + 14, width: CONTENT_WIDTH }));
  pdf.y = bandHeight + 30;
  for (const text of doc.introduction) paragraph(text, { size: 11, lineGap: 2.8 });
  if (doc.contacts.length > 0) contacts();

  function contacts(): void {
    const columns = 2;
    const columnWidth = (CONTENT_WIDTH - 32) / columns;
    const lineHeight = 14;
    const rows = Math.ceil(doc.contacts.length / columns);
    const boxHeight = 14 + 18 + rows * (4 * lineHeight + 10) + 6;
    pdf.y += 8;
    ensure(boxHeight);
    const top = pdf.y;
    artifact(() => {
      pdf.rect(MARGIN.left, top, CONTENT_WIDTH, boxHeight).fill(COLOURS.highlightLight);
      pdf.rect(MARGIN.left, top, 4, boxHeight).fill(COLOURS.brand);
    });
    begin('Sect');
    tag('H2', () => write(s.moreInformation, { size: 12, bold: true, color: COLOURS.brand }, { x: MARGIN.left + 20, y: top + 12, width: CONTENT_WIDTH - 40 }));
    doc.contacts.forEach((c, i) => {
      const x = MARGIN.left + 20 + (i % columns) * columnWidth;
      const y = top + 14 + 22 + Math.floor(i / columns) * (4 * lineHeight + 10);
      const lines: [string, Style][] = [
        [c.name, { size: 10.5, bold: true }],
        [c.title, { size: 10, color: COLOURS.muted }],
        [c.phone, { size: 10 }],
        [c.email, { size: 10 }],
      ];
      begin('Div');
      lines.forEach(([text, style], k) => tag('P', () => write(text, style, { x, y: y + k * lineHeight, width: columnWidth - 12, lineBreak: false })));
      finish();
    });
    finish();
    pdf.y = top + boxHeight + 12;
  }

  // ---- Sections ---------------------------------------------------------------------------------
  let figure = 0;
  for (const section of doc.sections) {
    pdf.addPage();
    artifact(() => pdf.rect(MARGIN.left, pdf.y, 40, 4).fill(COLOURS.accent));
    pdf.y += 14;
    begin('Sect');
    tag('H2', () => write(section.heading, { size: 20, bold: true, color: COLOURS.brand, lineGap: 1 }, { x: MARGIN.left, width: CONTENT_WIDTH }));
    pdf.y += 10;
    for (const text of section.paragraphs) paragraph(text);
    for (const spec of section.charts) {
      figure += 1;
      chart(`${s.figure(figure)} ${spec.title}`, await chartSvg(spec, doc.lang), chartTable(spec, doc.lang));
    }
    finish();
  }

  function chart(caption: string, svg: string, table: ChartTable): void {
    const size = svgSize(svg);
    const scale = CONTENT_WIDTH / size.width;
    const height = size.height * scale;
    const captionStyle: Style = { size: 11, bold: true, color: COLOURS.brand };
    const captionHeight = heightOf(caption, captionStyle, CONTENT_WIDTH) + 8;
    const layout = tableLayout(table);
    const whole = 14 + captionHeight + height + 10 + layout.height;
    // Caption, picture and numbers on one page where they fit on one.
    ensure(whole <= bottom() - MARGIN.top ? whole : 14 + captionHeight + height);
    pdf.y += 14;
    tag('P', () => write(caption, captionStyle, { x: MARGIN.left, width: CONTENT_WIDTH }));
    pdf.y += 8;
    const y = pdf.y;
    tag(
      'Figure',
      () =>
        drawSvg(pdf, forPdf(svg), MARGIN.left, y, {
          width: CONTENT_WIDTH,
          height,
          preserveAspectRatio: 'xMinYMin meet',
          fontCallback: (family, bold) => pdfFontName(family.includes('SourceSans3Ext') ? 'latin-ext' : 'latin', bold),
          warningCallback: (message) => warn(`${caption}: ${message}`),
        }),
      { alt: s.figureAlt(caption) },
    );
    pdf.y = y + height + 10;
    drawTable(layout);
  }

  // ---- Tables of the charts' numbers ----------------------------------------------------------
  type Row = { cells: string[]; kind: 'head' | 'body' | 'foot'; height: number };
  type Block = { x: number; widths: number[]; rows: Row[]; height: number };

  /**
   * A long table of one or two numbers per row goes in two blocks side by side, each with its
   * header, so that a chart and its numbers fit on one page; wider tables stay whole.
   */
  function tableLayout(table: ChartTable): { blocks: Block[]; height: number } {
    const numbers = table.head.length - 1;
    const split = numbers <= 2 && table.rows.length > 6;
    const gap = 24;
    const blockWidth = split ? (CONTENT_WIDTH - gap) / 2 : Math.min(CONTENT_WIDTH, (table.head.length > 3 ? 200 : 240) + numbers * TABLE.numberWidth);
    const numberWidth = split ? 58 : TABLE.numberWidth;
    const widths = [blockWidth - numbers * numberWidth, ...Array.from({ length: numbers }, () => numberWidth)];
    const measure = (cells: string[], kind: Row['kind']): Row => ({
      cells,
      kind,
      height: Math.max(...cells.map((cell, i) => heightOf(cell, { size: TABLE.size, bold: kind !== 'body' }, widths[i]! - 2 * TABLE.padding))) + 2 * TABLE.padding,
    });
    const half = split ? Math.ceil(table.rows.length / 2) : table.rows.length;
    const parts = split ? [table.rows.slice(0, half), table.rows.slice(half)] : [table.rows];
    const blocks = parts.map((rows, b): Block => {
      const all = [measure(table.head, 'head'), ...rows.map((r) => measure(r, 'body')), ...(table.foot && b === parts.length - 1 ? [measure(table.foot, 'foot')] : [])];
      return { x: MARGIN.left + b * (blockWidth + gap), widths, rows: all, height: all.reduce((a, r) => a + r.height, 0) };
    });
    return { blocks, height: Math.max(...blocks.map((b) => b.height)) };
  }

  function drawTable(layout: { blocks: Block[]; height: number }): void {
    if (layout.blocks.length > 1) ensure(layout.height);
    const top = pdf.y;
    for (const block of layout.blocks) {
      pdf.y = top;
      drawRows(block);
    }
    pdf.y = Math.max(pdf.y, top + (layout.blocks.length > 1 ? layout.height : 0));
  }

  function drawRows(block: Block): void {
    const width = block.widths.reduce((a, b) => a + b, 0);
    const rule = (y: number, heavy: boolean) =>
      pdf
        .moveTo(block.x, y)
        .lineTo(block.x + width, y)
        .lineWidth(heavy ? 0.9 : 0.4)
        .strokeColor(heavy ? COLOURS.brand : COLOURS.rule)
        .stroke();
    begin('Table');
    for (const row of block.rows) {
      if (pdf.y + row.height > bottom()) pdf.addPage();
      const top = pdf.y;
      if (row.kind === 'head') artifact(() => pdf.rect(block.x, top, width, row.height).fill(COLOURS.background));
      begin('TR');
      let x = block.x;
      row.cells.forEach((cell, i) => {
        const [w, left] = [block.widths[i]!, x];
        // The head names the columns, the first cell of every other row its row.
        const header = row.kind === 'head' || i === 0;
        tag(
          header ? 'TH' : 'TD',
          () => write(cell, { size: TABLE.size, bold: row.kind !== 'body' }, { x: left + TABLE.padding, y: top + TABLE.padding, width: w - 2 * TABLE.padding, align: i === 0 ? 'left' : 'right' }),
          header ? { scope: row.kind === 'head' ? 'Column' : 'Row' } : {},
        );
        x += w;
      });
      finish();
      artifact(() => {
        if (row.kind === 'foot') rule(top, true);
        rule(top + row.height, row.kind === 'head');
      });
      pdf.y = top + row.height;
    }
    finish();
  }

  // ---- Closing note and page footers ----------------------------------------------------------
  const note = disclosureNote(doc.lang, doc.threshold);
  pdf.y += 22;
  ensure(40);
  artifact(() => pdf.moveTo(MARGIN.left, pdf.y).lineTo(MARGIN.left + CONTENT_WIDTH, pdf.y).lineWidth(0.5).strokeColor(COLOURS.rule).stroke());
  pdf.y += 8;
  tag('P', () => write(note, { size: 9, color: COLOURS.muted, lineGap: 1.5 }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  endTree();

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = PAGE.height - 46;
    artifact(() => {
      pdf.moveTo(MARGIN.left, y - 8).lineTo(PAGE.width - MARGIN.right, y - 8).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
      write(doc.title, { size: 8, color: COLOURS.muted }, { x: MARGIN.left, y, width: CONTENT_WIDTH - 60, lineBreak: false, ellipsis: true });
      write(String(i + 1), { size: 8, bold: true, color: COLOURS.muted }, { x: PAGE.width - MARGIN.right - 60, y, width: 60, align: 'right', lineBreak: false });
    }, 'Pagination');
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return ended;
}

/**
 * The chart SVG as svg-to-pdfkit draws it: sized by the caller, and with every text run that
 * latin lacks glyphs for in a tspan of the latin-ext face.
 */
function forPdf(svg: string): string {
  return svg
    .replace(/<svg ([^>]*)>/, (_m, attrs: string) => `<svg ${attrs.replace(/ (?:width|height)="[^"]*"/g, '')}>`)
    .replace(/<title[^>]*>[\s\S]*?<\/title>/, '')
    .replace(/(<text[^>]*>)([^<]*)(<\/text>)/g, (m, open: string, content: string, close: string) => {
      const text = unescapeXml(content);
      if (!needsExtended(text)) return m;
      const runs = fontRuns(text).map((r) => (r.subset === 'latin' ? escapeXml(r.text) : `<tspan style="font-family:SourceSans3Ext">${escapeXml(r.text)}</tspan>`));
      return `${open}${runs.join('')}${close}`;
    });
}

/** Phone numbers ("0295 463 177") on one line: their spaces become no-break spaces. */
function keepTogether(text: string): string {
  return text.replace(/(?<![\d\u00a0])(?:\+358|0)\d{1,3}(?: \d{2,4}){1,3}(?![\d])/g, (m) => m.replace(/ /g, '\u00a0'));
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", amp: '&' })[e]!);
}
