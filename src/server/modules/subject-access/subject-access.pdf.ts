import { codeLabel, countryName, languageName, type CodeListName } from '../../../domain/codes.js';
import type { Language } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import { loadPdfKit } from '../../pdf/pdfkit.js';
import { registerScriptFonts, scriptFontName, scriptRuns } from '../../pdf/scripts.js';
import { structureTree } from '../../pdf/tagged.js';
import { COLOURS } from '../../statistics/render/charts.js';
import { dateShort } from '../../statistics/overview/format.js';
import type { PersonRecord, SubjectAccessExport } from './subject-access.service.js';

const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const LABEL_WIDTH = 170;

/**
 * The subject-access extract as an A4 PDF in the language asked for; every value is real,
 * searchable text, and the PDF is tagged (`src/server/pdf/tagged.ts`): headings by level, each
 * group of particulars a table of label and value, the page numbers artifacts.
 */
export async function renderSubjectAccessPdf(data: SubjectAccessExport, lang: Language, reference: string): Promise<Buffer> {
  const t = translator(lang);
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang,
    displayTitle: true,
    info: { Title: t('subjectAccess.title', { number: data.subject.number }), Creator: 'Suoja', CreationDate: data.generatedAt },
  });
  registerScriptFonts(pdf);
  const { tag, begin, finish, artifact, end: endTree } = structureTree(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const write = (text: string, size: number, bold = false, color: string = COLOURS.text, options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}) => {
    const { x, y, ...rest } = options;
    pdf.fillColor(color).fontSize(size);
    const runs = scriptRuns(text || ' ');
    runs.forEach((run, i) => {
      pdf.font(scriptFontName(run.subset, bold));
      const o = { ...rest, continued: i < runs.length - 1 };
      if (i === 0 && x !== undefined) pdf.text(run.text, x, y ?? pdf.y, o);
      else pdf.text(run.text, o);
    });
  };
  const date = (iso: string | null) => (iso ? dateShort(iso, lang) : '—');
  const code = (list: CodeListName, value: string | null) => (value ? codeLabel(list, value, lang) : '—');
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? t('subjectAccess.yes') : t('subjectAccess.no'));

  function heading(text: string, level: 'H1' | 'H2' | 'H3', size: number) {
    if (pdf.y > 760) pdf.addPage();
    pdf.moveDown(0.6);
    tag(level, () => write(text, size, true, COLOURS.brand));
    pdf.moveDown(0.2);
  }
  function note(text: string) {
    tag('P', () => write(text, 9.5, false, COLOURS.muted, { x: MARGIN }));
  }
  /** Label and value in two columns: a table whose rows are headed by their labels. */
  function table(rows: [string, string][]) {
    begin('Table');
    for (const [label, value] of rows) {
      if (pdf.y > 780) pdf.addPage();
      const y = pdf.y;
      begin('TR');
      tag('TH', () => write(label, 9.5, false, COLOURS.muted, { x: MARGIN, y, width: LABEL_WIDTH - 8 }), { scope: 'Row' });
      const after = pdf.y;
      tag('TD', () => write(value, 9.5, false, COLOURS.text, { x: MARGIN + LABEL_WIDTH, y, width: WIDTH - LABEL_WIDTH }));
      finish();
      pdf.y = Math.max(after, pdf.y) + 2;
      pdf.x = MARGIN;
    }
    finish();
  }
  function list<T>(title: string, items: readonly T[], each: (item: T) => [string, string][]) {
    heading(title, 'H3', 11.5);
    if (items.length === 0) return note(t('subjectAccess.none'));
    items.forEach((item, i) => {
      if (i > 0) pdf.moveDown(0.4);
      table(each(item));
    });
  }

  function person(p: PersonRecord, title: string) {
    heading(title, 'H2', 15);
    if (p.identityErased) note(t('subjectAccess.erased'));
    heading(t('subjectAccess.identity'), 'H3', 11.5);
    table([
      [t('fields.givenNames'), p.identity.givenNames ?? '—'],
      [t('fields.familyName'), p.identity.familyName ?? '—'],
      [t('fields.aliases'), p.identity.aliases.join(', ') || '—'],
      [t('fields.birthDate'), `${date(p.identity.birthDate)}${p.identity.birthDateIsEstimate ? ` (${t('fields.birthDateIsEstimate').toLowerCase()})` : ''}`],
      [t('fields.contact'), p.identity.contact ? Object.values(p.identity.contact).filter(Boolean).join(', ') : '—'],
      [t('fields.municipality'), p.identity.municipality ?? '—'],
    ]);
    heading(t('subjectAccess.facts'), 'H3', 11.5);
    table([
      [t('fields.gender'), code('gender', p.facts.gender)],
      [t('fields.nationalities'), p.facts.nationalities.map((c) => countryName(c, lang)).join(', ')],
      [t('fields.languages'), p.facts.languages.map((c) => languageName(c, lang)).join(', ') || '—'],
      [t('fields.interpreterNeeded'), yesNo(p.facts.interpreterNeeded)],
      [t('fields.residenceStatus'), code('residenceStatus', p.facts.residenceStatus)],
      ...(p.legalHold ? [[t('subjectAccess.legalHold'), t('subjectAccess.yes')] as [string, string]] : []),
    ]);
    list(t('subjectAccess.clientships'), p.clientships, (c) => [
      [t('fields.category'), code('clientCategory', c.category)],
      [t('subjectAccess.start'), date(c.startDate)],
      [t('subjectAccess.end'), c.endDate ? `${date(c.endDate)} (${code('endReason', c.endReason)})` : '—'],
      [t('subjectAccess.office'), c.officeCode],
    ]);
    list(t('subjectAccess.applications'), p.applications, (a) => [
      [t('subjectAccess.applications'), a.number],
      [t('subjectAccess.role'), a.role === 'applicant' ? t('subjectAccess.roleApplicant') : t('subjectAccess.roleChild')],
      [t('fields.receivedOn'), date(a.receivedOn)],
      [t('fields.channel'), code('applicationChannel', a.channel)],
      ...(a.summary ? [[t('fields.summary'), a.summary] as [string, string]] : []),
      [t('fields.consentGiven'), `${yesNo(a.consentGiven)}${a.consentOn ? `, ${date(a.consentOn)}` : ''}`],
      [t('fields.status'), code('applicationStatus', a.status)],
      [t('subjectAccess.history'), a.history.map((h) => `${dateShort(h.at.toISOString().slice(0, 10), lang)} ${code('applicationStatus', h.toStatus)}`).join('; ')],
    ]);
    list(t('subjectAccess.decisions'), p.decisions, (d) => [
      [t('fields.kind'), code('decisionKind', d.kind)],
      [t('fields.status'), d.status],
      [t('fields.decidedOn'), date(d.decidedOn)],
      ...(d.reason ? [[t('fields.reason'), d.kind === 'termination' ? code('endReason', d.reason) : code('rejectionReason', d.reason)] as [string, string]] : []),
      ...(d.periodStart ? [[t('subjectAccess.period'), `${date(d.periodStart)} – ${date(d.periodEnd)}`] as [string, string]] : []),
      [t('fields.grounds'), d.grounds ?? '—'],
      [t('fields.expertGroupHeard'), yesNo(d.expertGroupHeard)],
      ...(d.appeal ? [[t('subjectAccess.appeal'), `${date(d.appeal.lodgedOn)}: ${code('appealOutcome', d.appeal.outcome)}`] as [string, string]] : []),
    ]);
    list(t('subjectAccess.exploitation'), p.exploitation, (e) => [
      [t('subjectAccess.form'), `${code('exploitationForm', e.form)}${e.isPrimary ? ` (${t('subjectAccess.primary').toLowerCase()})` : ''}`],
      [t('subjectAccess.country'), countryName(e.country, lang)],
      ...(e.industry ? [[t('subjectAccess.industry'), code('industry', e.industry)] as [string, string]] : []),
      [t('subjectAccess.period'), `${e.periodFrom ?? '—'} – ${e.periodTo ?? '—'}`],
    ]);
    list(t('subjectAccess.services'), p.services, (s) => [
      [t('subjectAccess.type'), code('serviceType', s.type)],
      [t('subjectAccess.provider'), code('serviceProvider', s.provider)],
      [t('subjectAccess.period'), `${date(s.startDate)} – ${date(s.endDate)}`],
    ]);
    list(t('subjectAccess.accessLog'), p.accessLog, (e) => [[`${e.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`, `${e.action} — ${e.roles.join(', ') || '—'} — ${e.outcome}`]]);
  }

  tag('H1', () => write(t('subjectAccess.title', { number: data.subject.number }), 18, true, COLOURS.brand, { x: MARGIN }));
  pdf.moveDown(0.3);
  tag('P', () => write(t('subjectAccess.intro'), 10, false, COLOURS.text, { x: MARGIN, width: WIDTH }));
  pdf.moveDown(0.3);
  table([
    [t('subjectAccess.generatedAt'), `${data.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    [t('subjectAccess.reference'), reference],
  ]);
  person(data.subject, data.subject.number);
  for (const child of data.children) person(child, t('subjectAccess.child', { number: child.number }));
  endTree();

  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i += 1) {
    pdf.switchToPage(pages.start + i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    pdf.page.margins.bottom = 0;
    artifact(() => write(t('subjectAccess.page', { page: `${i + 1} (${pages.count})` }), 8.5, false, COLOURS.muted, { x: MARGIN, y: 841.89 - 40, width: WIDTH, align: 'right', lineBreak: false }), 'Pagination');
  }
  pdf.end();
  return ended;
}
