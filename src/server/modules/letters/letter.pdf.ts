/**
 * The decision letter as an A4 PDF in the client's language: letterhead, client, the decision
 * (title and body from the template), the grounds written for this decision, whether the
 * expert group was heard, who decided and when, and the appeal instructions. All text is
 * real text in the embedded Source Sans 3, so it can be searched, copied and read aloud, and
 * the PDF is tagged (`src/server/pdf/tagged.ts`): the decision's title is the heading, the
 * particulars are tables of label and value, each part under its own heading, and the band,
 * rules and page numbers are artifacts.
 *
 * The same input gives the same bytes: the creation date is the decision date.
 */
import type { Executor } from '../../db/transaction.js';
import { loadPdfKit } from '../../pdf/pdfkit.js';
import { COLOURS } from '../../statistics/render/charts.js';
import { registerScriptFonts, scriptFontName, scriptRuns } from '../../pdf/scripts.js';
import { structureTree } from '../../pdf/tagged.js';
import { getSetting } from '../settings/settings.js';
import { fillText, letterTemplate, placeholderValues, type LetterKind, type LetterLanguage, type LetterTemplate, type PlaceholderValues } from './templates.js';

export interface DecisionLetterInput {
  language: LetterLanguage;
  kind: LetterKind;
  /** ISO date. */
  decidedOn: string;
  /** The decision maker's name. */
  decidedBy: string;
  client: { name: string; number: string; birthDate: string | null };
  applicationNumber: string | null;
  /** ISO date. */
  receivedOn: string | null;
  /** A rejection reason (rejections) or an end reason (terminations). */
  reason: string | null;
  /** Free text written by the caseworker or decision maker. */
  grounds: string;
  expertGroupHeard: boolean;
  category: 'victim' | 'assists_investigation' | null;
  children: { name: string; number: string }[];
  periodStart: string | null;
  periodEnd: string | null;
  officeCode: string | null;
}

export interface LetterPdfOptions {
  /** The office's name in the letter's language, for `{{office}}`. */
  officeName?: string | null;
}

/** The letter of a decision, from the organisation's templates for its language and kind. */
export async function renderDecisionLetter(db: Executor, input: DecisionLetterInput): Promise<Buffer> {
  const templates = await getSetting(db, 'letters.templates');
  const template = letterTemplate(templates, input.language, input.kind);
  let officeName: string | null = null;
  if (input.officeCode) {
    const office = await db.selectFrom('office').select(['nameFi', 'nameSv', 'nameEn']).where('code', '=', input.officeCode).executeTakeFirst();
    if (office) officeName = { fi: office.nameFi, sv: office.nameSv, en: office.nameEn }[input.language];
  }
  return renderLetterPdf(template, input, { officeName });
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 68, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// The right-hand column of the header: document kind, date and numbers.
const SIDE = { x: MARGIN.left + 292, width: CONTENT_WIDTH - 292 };

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
  lineGap?: number;
}

const BODY: Style = { size: 10.5, lineGap: 2.4 };
const SMALL: Style = { size: 9, color: COLOURS.muted, lineGap: 1.4 };
const HEADING: Style = { size: 11.5, bold: true, color: COLOURS.brand };

function creationDate(iso: string): Date {
  const at = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? new Date(0) : at;
}

/** Paragraphs of a free text: separated by blank lines; single line breaks are kept. */
function freeParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Renders one letter from its template; no I/O. */
export async function renderLetterPdf(template: LetterTemplate, input: DecisionLetterInput, options: LetterPdfOptions = {}): Promise<Buffer> {
  const values: PlaceholderValues = placeholderValues({ ...input, officeName: options.officeName ?? null });
  const fill = (text: string) => fillText(text, values, false) ?? '';
  const fillAll = (texts: string[]) => texts.map((t) => fillText(t, values, true)).filter((t): t is string => t !== null && t.trim() !== '');
  const label = (key: keyof LetterTemplate['labels']) => fill(template.labels[key]);

  const title = fill(template.title);
  const letterhead = fillAll(template.letterhead);
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.language,
    displayTitle: true,
    info: {
      Title: title,
      Subject: `${label('document')} ${values.decidedOn}`.trim(),
      Author: letterhead[0] ?? '',
      Creator: 'Suoja',
      CreationDate: creationDate(input.decidedOn),
    },
  });
  registerScriptFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const { tag, begin, finish, artifact, end: endTree } = structureTree(pdf);
  const bottom = () => PAGE.height - MARGIN.bottom;

  /** Writes text in runs of the font subset that has the glyphs (see fonts.ts). */
  function write(text: string, style: Style, opts: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}): void {
    const { x, y, ...textOptions } = opts;
    pdf.fillColor(style.color ?? COLOURS.text).fontSize(style.size);
    const runs = scriptRuns(text);
    if (runs.length === 0) return;
    runs.forEach((run, i) => {
      pdf.font(scriptFontName(run.subset, style.bold ?? false));
      const o = { lineGap: style.lineGap ?? 0, ...textOptions, continued: i < runs.length - 1 };
      if (i === 0 && x !== undefined) pdf.text(run.text, x, y ?? pdf.y, o);
      else pdf.text(run.text, o);
    });
  }

  function heightOf(text: string, style: Style, width: number): number {
    pdf.font(scriptFontName('latin', style.bold ?? false)).fontSize(style.size);
    // Measured as written: the characters without a glyph replaced, as in write().
    return pdf.heightOfString(scriptRuns(text).map((run) => run.text).join(''), { width, lineGap: style.lineGap ?? 0 });
  }

  const lineHeight = (style: Style) => style.size * 1.25 + (style.lineGap ?? 0);

  function ensure(height: number): void {
    if (pdf.y + height > bottom()) pdf.addPage();
  }

  function paragraph(text: string, style: Style = BODY, after = 8): void {
    // At least two lines, or the whole paragraph, before a page break.
    ensure(Math.min(heightOf(text, style, CONTENT_WIDTH), 2 * lineHeight(style)));
    tag('P', () => write(text, style, { x: MARGIN.left, width: CONTENT_WIDTH }));
    pdf.y += after;
  }

  function heading(text: string, firstLine: string | undefined, style: Style = HEADING): void {
    if (!text) return;
    // A heading never ends a page: it stays with the first lines of what follows.
    const follow = firstLine ? Math.min(heightOf(firstLine, BODY, CONTENT_WIDTH), 2 * lineHeight(BODY)) : 0;
    ensure(heightOf(text, style, CONTENT_WIDTH) + 4 + follow);
    tag('H2', () => write(text, style, { x: MARGIN.left, width: CONTENT_WIDTH }));
    pdf.y += 4;
  }

  function section(title: string, paragraphs: string[], style: Style = BODY): void {
    if (paragraphs.length === 0) return;
    pdf.y += 6;
    heading(title, paragraphs[0]);
    for (const p of paragraphs) paragraph(p, style);
  }

  /** Label and value in two columns: a table whose rows are headed by their labels. */
  function facts(rows: [string, string | null][], x: number, width: number, labelWidth: number): void {
    begin('Table');
    for (const [name, value] of rows) {
      if (!value) continue;
      const top = pdf.y;
      begin('TR');
      tag('TH', () => write(name, SMALL, { x, y: top, width: labelWidth - 8 }), { scope: 'Row' });
      const afterLabel = pdf.y;
      tag('TD', () => write(value, { size: 10, lineGap: 1.4 }, { x: x + labelWidth, y: top, width: width - labelWidth }));
      finish();
      pdf.y = Math.max(pdf.y, afterLabel) + 2;
    }
    finish();
  }

  // ---- First page: letterhead and the document's particulars --------------------------------
  artifact(() => pdf.rect(0, 0, PAGE.width, 8).fill(COLOURS.brand));
  const top = MARGIN.top;
  pdf.y = top;
  letterhead.forEach((line, i) => {
    tag('P', () => write(line, i === 0 ? { size: 12.5, bold: true, color: COLOURS.brand } : { size: 9.5, color: COLOURS.muted, lineGap: 1 }, { x: MARGIN.left, width: SIDE.x - MARGIN.left - 16 }));
    if (i === 0) pdf.y += 2;
  });
  const leftBottom = pdf.y;

  pdf.y = top;
  tag('P', () => write(label('document').toLocaleUpperCase(input.language), { size: 12.5, bold: true }, { x: SIDE.x, width: SIDE.width - 40, characterSpacing: 0.6 }));
  pdf.y += 6;
  facts(
    [
      [label('date'), values.decidedOn],
      [label('clientNumber'), values.clientNumber],
      [label('applicationNumber'), values.applicationNumber],
    ],
    SIDE.x,
    SIDE.width,
    92,
  );
  pdf.y = Math.max(pdf.y, leftBottom) + 18;
  artifact(() => pdf.moveTo(MARGIN.left, pdf.y).lineTo(MARGIN.left + CONTENT_WIDTH, pdf.y).lineWidth(0.6).strokeColor(COLOURS.rule).stroke());
  pdf.y += 16;

  // ---- Client ---------------------------------------------------------------------------------
  tag('P', () => write(label('client'), { ...SMALL, bold: true }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  pdf.y += 2;
  tag('P', () => write(values.clientName ?? '', { size: 12, bold: true }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  pdf.y += 4;
  facts(
    [
      [label('birthDate'), values.birthDate],
      [label('clientNumber'), values.clientNumber],
      [label('receivedOn'), values.receivedOn],
      [label('children'), values.children],
    ],
    MARGIN.left,
    CONTENT_WIDTH,
    150,
  );
  pdf.y += 18;

  // ---- The decision ---------------------------------------------------------------------------
  const titleStyle: Style = { size: 16, bold: true, color: COLOURS.brand, lineGap: 1 };
  ensure(heightOf(title, titleStyle, CONTENT_WIDTH) + 3 * lineHeight(BODY));
  tag('H1', () => write(title, titleStyle, { x: MARGIN.left, width: CONTENT_WIDTH }));
  pdf.y += 10;
  for (const p of fillAll(template.paragraphs)) paragraph(p);

  section(label('grounds'), freeParagraphs(input.grounds));
  section(label('expertGroup'), [label(input.expertGroupHeard ? 'expertGroupHeard' : 'expertGroupNotHeard')].filter(Boolean));

  // Who decided, and when.
  pdf.y += 8;
  const signed = label('signedElectronically');
  ensure(4 * lineHeight(BODY) + (signed ? heightOf(signed, SMALL, CONTENT_WIDTH) : 0));
  tag('P', () => write(label('decidedBy'), { ...SMALL, bold: true }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  pdf.y += 2;
  tag('P', () => write(input.decidedBy, { size: 11, bold: true }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  tag('P', () => write(`${label('date')} ${values.decidedOn}`.trim(), { size: 10 }, { x: MARGIN.left, width: CONTENT_WIDTH }));
  pdf.y += 4;
  if (signed) paragraph(signed, SMALL);
  pdf.y += 4;
  for (const p of fillAll(template.closing)) paragraph(p);

  // ---- Appeal instructions --------------------------------------------------------------------
  const appeal = fillAll(template.appeal);
  if (appeal.length > 0) {
    pdf.y += 10;
    ensure(40);
    artifact(() => pdf.moveTo(MARGIN.left, pdf.y).lineTo(MARGIN.left + CONTENT_WIDTH, pdf.y).lineWidth(0.6).strokeColor(COLOURS.rule).stroke());
    pdf.y += 12;
    heading(label('appeal'), appeal[0], { size: 13, bold: true, color: COLOURS.brand });
    pdf.y += 2;
    for (const p of appeal) paragraph(p, { size: 10, lineGap: 2 }, 7);
  }

  endTree();

  // ---- Pages after the first: who writes, what and when; page numbers as in "1 (3)" -------------
  const range = pdf.bufferedPageRange();
  if (range.count > 1) {
    const running = [letterhead[0], label('document'), values.decidedOn, values.clientNumber].filter(Boolean).join('  ·  ');
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const first = i === range.start;
      const y = first ? MARGIN.top + 1 : MARGIN.top - 24;
      artifact(() => {
        if (!first) write(running, SMALL, { x: MARGIN.left, y, width: CONTENT_WIDTH - 70, lineBreak: false, ellipsis: true });
        write(`${i - range.start + 1} (${range.count})`, { size: first ? 10.5 : 9, color: COLOURS.muted }, { x: PAGE.width - MARGIN.right - 60, y, width: 60, align: 'right', lineBreak: false });
      }, 'Pagination');
    }
  }
  pdf.end();
  return ended;
}
