import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../domain/codes.js';
import { DEFAULT_ORGANISATION_TEXTS } from '../../modules/settings/overview-defaults.js';
import { buildOverview, type OverviewDocument } from '../overview/document.js';
import { formatNumber, formatPercent, type Figures } from '../overview/format.js';
import { chartSvg, chartTable } from './charts.js';
import { renderCsv } from './csv.js';
import { escapeHtml, renderHtml } from './html.js';
import { periodEnd, renderPdf } from './pdf.js';
import { overviewTables, type OpenDataTable } from './tables.js';
import { renderXlsx, sheetName } from './xlsx.js';

// ---------------------------------------------------------------------------------------------
// The figures of the 2025 edition (statistics.md §1 and §3), shares computed from their bases.

function figures2025(): Figures {
  const entries: [id: string, value: number, base?: string, members?: number][] = [];
  const add = (id: string, value: number, base?: string, members?: number) => entries.push([id, value, base, members]);
  const breakdown = (prefix: string, base: string, counts: Record<string, number>) => {
    for (const [code, n] of Object.entries(counts)) add(`${prefix}.${code}`, n, base);
  };

  add('applications.received', 467);
  breakdown('applications.byChannel', 'applications.received', {
    immigration_service: 120, reception_centre: 114, self: 94, wellbeing_services_county: 37, police: 40,
    ngo: 35, labour_inspection: 12, legal_counsel: 8, health_care: 5, other: 2,
  });
  add('applications.byChannelGroup.migri', 234, 'applications.received');
  add('previous.applications.received', 450);
  add('previous.applications.byChannel.wellbeing_services_county', 18, 'previous.applications.received');

  add('decisions.admission', 271);
  add('decisions.rejection', 154);
  breakdown('decisions.rejection.byReason', 'decisions.rejection', { no_need_for_assistance: 75, not_trafficking: 62, no_consent: 9, other: 8 });
  add('reflectionPeriods.granted', 35);
  add('clientships.ended', 169);
  breakdown('clientships.ended.byReason', 'clientships.ended', {
    no_longer_needs_assistance: 98, left_country: 30, assisted_voluntary_return: 9, disappeared: 22, client_request: 7, deceased: 1, other: 2,
  });
  add('clientships.ended.byReasonGroup.left_or_disappeared', 61, 'clientships.ended');

  add('newClients.victims', 271);
  add('newClients.children', 32);
  breakdown('newClients.byGender', 'newClients.victims', { female: 165, male: 106 });
  breakdown('newClients.byAgeGroup', 'newClients.victims', { under_18: 10, '18_29': 114, '30_39': 95, '40_49': 41, '50_59': 8, '60_plus': 3 });
  add('newClients.minors', 10, 'newClients.victims');
  add('newClients.nationalities', 50);
  breakdown('newClients.byNationality', 'newClients.victims', {
    NP: 65, SO: 31, FI: 18, VN: 12, UA: 11, NG: 10, TH: 9, CN: 9, IQ: 8, RU: 8, PH: 7, TR: 7, BD: 6,
  });
  add('newClients.byNationality.other', 70, 'newClients.victims', 37);
  add('newClients.finnish.exploitedOnlyAbroad', 1, 'newClients.byNationality.FI');

  add('exploitations.total', 314);
  const forms: Record<string, { female: number; male: number }> = {
    forced_labour: { female: 60, male: 110 },
    sexual_exploitation: { female: 74, male: 6 },
    forced_marriage: { female: 38, male: 2 },
    criminal_activities: { female: 8, male: 8 },
    other: { female: 5, male: 3 },
  };
  for (const [form, g] of Object.entries(forms)) {
    add(`exploitations.byForm.${form}`, g.female + g.male, 'exploitations.total');
    breakdown(`exploitations.byForm.${form}.byGender`, `exploitations.byForm.${form}`, g);
  }

  add('inFinland.victims', 141, 'newClients.victims');
  breakdown('inFinland.byGender', 'inFinland.victims', { male: 86, female: 55 });
  add('inFinland.nationalities', 31);
  breakdown('inFinland.byNationality', 'inFinland.victims', { NP: 59, FI: 17 });
  add('inFinland.byNationality.other', 65, 'inFinland.victims', 29);
  add('inFinland.exploitations', 149, 'exploitations.total');
  add('inFinland.repeatedVictims', 8, 'inFinland.victims');
  add('inFinland.repeatedVictims.byGender.female', 8, 'inFinland.repeatedVictims');
  breakdown('inFinland.byForm', 'inFinland.exploitations', { forced_labour: 101, sexual_exploitation: 30, forced_marriage: 10, criminal_activities: 8 });
  breakdown('inFinland.forcedLabour.byIndustry', 'inFinland.byForm.forced_labour', {
    forestry: 30, restaurant: 24, agriculture: 18, horticulture: 12, construction: 10, cleaning: 4, other: 3,
  });
  add('inFinland.forcedLabour.victims', 95, 'inFinland.victims');
  add('previous.inFinland.forcedLabour.victims', 54);
  breakdown('inFinland.byResidenceStatus', 'inFinland.victims', {
    seasonal_work_permit: 50, worker_permit: 21, family_permit: 13, student_permit: 6, international_protection: 4, other_permit: 2,
    asylum_seeker: 9, no_legal_residence: 14, finnish_citizen: 17, eu_citizen: 3, visa: 2,
  });
  add('inFinland.byResidenceStatusGroup.residence_permit', 96, 'inFinland.victims');

  add('stock.clients', 1634);
  breakdown('stock.byCategory', 'stock.clients', { victim: 1331, child_of_victim: 210, assists_investigation: 93 });
  add('stock.victims.minors', 10, 'stock.byCategory.victim');
  add('stock.victims.admittedAsMinors', 85, 'stock.byCategory.victim');
  breakdown('stock.victims.byGender', 'stock.byCategory.victim', { female: 812, male: 519 });

  const values = new Map(entries.map(([id, value]) => [id, value]));
  const figures: Figures = {};
  for (const [id, value, base, members] of entries) {
    const baseValue = base ? values.get(base) : undefined;
    if (base && baseValue === undefined) throw new Error(`No base ${base} for ${id}`);
    figures[id] = { value, ...(baseValue ? { share: value / baseValue } : {}), ...(members !== undefined ? { members } : {}) };
  }
  return figures;
}

const FIGURES = figures2025();
const THRESHOLD = 5;

function overview(lang: Language, threshold = THRESHOLD): OverviewDocument {
  return buildOverview({ figures: FIGURES, year: 2025, threshold, lang, organisation: DEFAULT_ORGANISATION_TEXTS[lang] });
}

/** Every number the 2025 edition prints, as the language writes it. */
function numbersOf2025(lang: Language): string[] {
  const n = (x: number) => formatNumber(x, lang);
  const pct = (p: number) => formatPercent(p / 100, lang);
  return [
    '2006', '0295 463 177', '0295 463 223', '0295 463 240', '2024', '1–6',
    ...[467, 271, 154, 169, 32, 50, 18, 10, 314, 141, 86, 55, 31, 149, 8, 101, 54, 59, 17, 35, 21, 13, 14, 1634, 1331, 210, 85].map(n),
    ...[49, 40, 58, 7, 26, 68, 42, 6].map(pct),
    // Written as "36 procent", "61 procent" etc.: the number itself.
    '36', '61', '4', '42', '35', '15', '3', '12',
  ];
}

/** Text as pdftotext gives it, with no-break spaces and runs of blanks as one space. */
function normalise(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
}

function containsNumber(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d,])${escaped}(?![\\d]|,\\d)`).test(text);
}

const work = mkdtempSync(join(tmpdir(), 'suoja-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// ---------------------------------------------------------------------------------------------

describe('PDF', () => {
  for (const lang of LANGUAGES) {
    it(`prints every number of the 2025 edition as text (${lang})`, async () => {
      const doc = overview(lang);
      const warnings: string[] = [];
      const pdf = await renderPdf(doc, { onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = normalise(pdfText(pdf, `overview-${lang}`));
      const missing = numbersOf2025(lang).filter((token) => !containsNumber(text, normalise(token)));
      expect(missing).toEqual([]);
      // Headings and the sentences are real text too.
      for (const section of doc.sections) expect(text.replace(/\s+/g, ' ')).toContain(normalise(section.heading).replace(/\s+/g, ' '));
      if (lang === 'sv') {
        writeFileSync('/tmp/suoja-overview-sv.pdf', pdf);
        expect(text).toContain('1 634');
      }
    });
  }

  it('carries title and language, embeds Source Sans 3, and gives the same bytes for the same data', async () => {
    const doc = overview('sv');
    const [a, b] = [await renderPdf(doc), await renderPdf(doc)];
    expect(a.equals(b)).toBe(true);
    const file = join(work, 'meta.pdf');
    writeFileSync(file, a);
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Hjälpsystemet för offer för människohandels statistiska översikt 2025/);
    expect(info).toMatch(/CreationDate:.*2025/);
    expect(a.toString('latin1')).toMatch(/\/Lang \(sv\)/);
    const fonts = execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSans3-Regular/);
    expect(fonts).toMatch(/SourceSans3-Bold/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('is a tagged PDF: title, sections, paragraphs, figures with alternative text and their tables, in reading order', async () => {
    const doc = overview('en');
    const file = join(work, 'tagged.pdf');
    writeFileSync(file, await renderPdf(doc));
    expect(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const tree = execFileSync('/usr/bin/pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    // Elements as the tree lists them (indented by depth), each with the text under it.
    const elements = [...tree.matchAll(/^( *)([A-Z][A-Za-z0-9]*)\b[^\n]*\n(?: *\/[^\n]*\n)*(?: *"([^\n]*)"\n)?/gm)].map((m) => ({ depth: m[1]!.length / 2, type: m[2]!, text: m[3] ?? '' }));
    expect(elements.slice(0, 3).map((e) => e.type)).toEqual(['Document', 'P', 'H1']);
    expect(elements[2]!.text).toBe(doc.title);
    expect(elements.filter((e) => e.type === 'H2').map((e) => e.text)).toEqual(['Further information', ...doc.sections.map((s) => s.heading)]);
    // Each contact's lines are paragraphs of their own.
    expect(elements.filter((e) => e.type === 'P').map((e) => e.text)).toContain('0295 463 223');
    const charts = doc.sections.flatMap((s) => s.charts);
    expect(elements.filter((e) => e.type === 'Figure')).toHaveLength(charts.length);
    expect(elements.filter((e) => e.type === 'Table').length).toBeGreaterThanOrEqual(charts.length);
    // Column headers, then row headers with their numbers.
    expect(tree).toMatch(/TH:\n +\/Scope \/Column\n +"Applicant"/);
    expect(tree).toMatch(/TH:\n +\/Scope \/Row\n +"Police"\n +TD\n +"40"/);
    // Every number the edition prints is in the tree (page footers are artifacts, outside it).
    const tagged = elements.map((e) => e.text).join('\n');
    expect(numbersOf2025('en').filter((token) => !containsNumber(normalise(tagged), normalise(token)))).toEqual([]);
    // A figure's alternative text names the chart and points to its numbers.
    const figures = [...(await readFile(file, 'latin1')).matchAll(/\/S \/Figure[^>]*?\/Alt \(([^)]*)\)/g)].map((m) => m[1]);
    expect(figures).toHaveLength(charts.length);
    expect(figures[0]).toBe(`Figure 1. ${charts[0]!.title} The chart's numbers are in the table that follows it.`);
  });

  it('dates the document at the end of its period', () => {
    expect(periodEnd('2025').toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(periodEnd('1.1.–30.6.2025').toISOString()).toBe('2025-06-30T00:00:00.000Z');
    expect(periodEnd('1 January – 30 June 2025').toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });

  it('writes letters outside Latin-1 with the extended subset', async () => {
    const doc = overview('fi');
    doc.sections[0]!.paragraphs.push('Tšekki, Azerbaidžan ja Côte d’Ivoire.');
    const text = pdfText(await renderPdf(doc), 'extended');
    expect(text).toContain('Tšekki, Azerbaidžan ja Côte d’Ivoire.');
  });
});

describe('HTML', () => {
  const doc = overview('sv');
  let html = '';
  beforeAll(async () => {
    html = await renderHtml(doc);
    writeFileSync('/tmp/suoja-overview-sv.html', html);
  });

  it('is a complete page in the document language with one h1 and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`<title>${escapeHtml(doc.title)}</title>`);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('@page');
    expect(html).toContain('break-before:page');
    // The footer states the grouping rule.
    expect(html).toMatch(/<footer>[\s\S]*färre än fem personer[\s\S]*<\/footer>/);
  });

  it('gives every chart a figure with caption, an SVG with a title and a table with the same numbers', () => {
    const charts = doc.sections.flatMap((s) => s.charts);
    expect(charts.length).toBe(9);
    for (const spec of charts) {
      const figure = new RegExp(`<figure id="figure-${spec.id}">([\\s\\S]*?)</figure>`).exec(html)?.[1];
      expect(figure, spec.id).toBeDefined();
      expect(figure).toContain(`${escapeHtml(spec.title)}</figcaption>`);
      expect(figure).toMatch(new RegExp(`<svg [^>]*role="img"[^>]*><title id="[^"]+">${escapeHtml(spec.title)}</title>`));
      const table = /<table>([\s\S]*?)<\/table>/.exec(figure!)?.[1] ?? '';
      expect(table).toContain(`<caption class="visually-hidden">${escapeHtml(spec.title)}</caption>`);
      expect(table).toMatch(/<th scope="col">/);
      const rows = [...table.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)][0]![1]!.split('</tr>').filter((r) => r.includes('<th'));
      expect(rows).toHaveLength(spec.categories.length);
      rows.forEach((row, i) => {
        expect(row).toMatch(/<th scope="row">/);
        const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
        for (const [k, series] of spec.series.entries()) expect(cells[k]).toBe(formatNumber(series.values[i]!, 'sv'));
      });
      // The picture shows the same numbers as text.
      const svg = /<svg[\s\S]*?<\/svg>/.exec(figure!)![0];
      const shown = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).join('\n');
      if (spec.kind === 'stacked') {
        const totals = spec.categories.map((_, i) => spec.series.reduce((a, s) => a + s.values[i]!, 0));
        for (const t of totals) expect(shown).toContain(formatNumber(t, 'sv'));
      } else {
        for (const v of spec.series[0]!.values) expect(shown).toContain(formatNumber(v, 'sv'));
      }
    }
  });

  it('escapes all text', async () => {
    const hostile = overview('en');
    hostile.title = '<script>alert("x")</script> & co';
    hostile.sections[0]!.paragraphs = ['<img src=x onerror=alert(1)>'];
    hostile.sections[0]!.charts[0]!.categories[0] = '<b>bold</b>';
    hostile.contacts = [{ name: '<i>', title: '"t"', phone: 'javascript:alert(1)', email: 'a@b.fi"><script>' }];
    const out = await renderHtml(hostile);
    expect(out).not.toMatch(/<script|<img|<b>|<i>|href="javascript/i);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });

  it('marks a document without disclosure control as internal', async () => {
    expect(await renderHtml(overview('en', 0))).toMatch(/<footer>[\s\S]*Not for publication/);
  });

  it('renders the same chart the same way every time', async () => {
    const spec = doc.sections[0]!.charts[0]!;
    expect(await chartSvg(spec, 'sv')).toBe(await chartSvg(spec, 'sv'));
    expect(chartTable(spec, 'sv').rows[0]).toEqual(['Migrationsverket', '120']);
  });
});

describe('open-data tables', () => {
  const doc = overview('fi');
  const tables = overviewTables(doc, FIGURES, THRESHOLD);
  const byId = (id: string) => tables.find((t) => t.id === id)!;

  it('has one table per chart, the forms × gender table with totals, and the stock', () => {
    expect(tables.map((t) => t.id)).toEqual([
      'applicationsByChannel', 'rejectionReasons', 'endReasons', 'newClientsByGender', 'newClientsByAge',
      'newClientsByNationality', 'formsByGender', 'industries', 'residenceStatus', 'stockByCategory',
    ]);
    const forms = byId('formsByGender');
    expect(forms.columns).toEqual(['Hyväksikäytön muoto', 'Nainen', 'Mies', 'Yhteensä']);
    expect(forms.rows[0]).toEqual(['Pakkotyö', 60, 110, 170]);
    // Forced marriage: men 2 takes women 38 with it; other: men 3 takes women 5 with it.
    expect(forms.rows.map((r) => r.slice(1))).toEqual([
      [60, 110, 170],
      [74, 6, 80],
      [null, null, 40],
      [8, 8, 16],
      [null, null, 8],
      [185, 129, 314],
    ]);
    expect(byId('stockByCategory').rows.at(-1)).toEqual(['Yhteensä', 1634]);
    const nationalities = byId('newClientsByNationality');
    expect(nationalities.footnotes[0]).toBe('Muut maat: 37 kansalaisuutta, joita kutakin on alle 5 henkilöä.');
  });

  it('suppresses 1..T−1 and whatever would give a suppressed cell away', () => {
    for (const threshold of [2, 3, 5, 10, 20]) {
      for (const table of overviewTables(doc, FIGURES, threshold)) {
        const counts = table.rows.map((row) => row.slice(1, table.columns.length));
        for (const row of counts) for (const v of row) if (typeof v === 'number') expect(v === 0 || v >= threshold, `${table.id} T=${threshold}: ${v}`).toBe(true);
        // Every row and every column, totals included, has no suppressed cell or at least two.
        const columns = counts[0]!.map((_, j) => counts.map((row) => row[j]));
        const lines = counts[0]!.length > 1 ? [...counts, ...columns] : columns;
        for (const line of lines) {
          const hidden = line.filter((v) => v === null).length;
          expect(hidden === 0 || hidden >= 2, `${table.id} T=${threshold}: ${JSON.stringify(line)}`).toBe(true);
        }
        if (table.rows.some((row) => row.includes(null))) expect(table.footnotes[table.suppressionNote!]).toMatch(/salattu/);
      }
    }
    // The 2025 numbers at T = 5: deceased 1 and other 2 hide each other; other channel 2 takes health care 5 with it.
    expect(byId('endReasons').rows.filter((r) => r[1] === null).map((r) => r[0])).toEqual(['Kuollut', 'Muu syy']);
    expect(byId('applicationsByChannel').rows.filter((r) => r[1] === null).map((r) => r[0])).toEqual(['Terveydenhuolto', 'Muu']);
    expect(byId('newClientsByAge').rows.filter((r) => r[1] === null).map((r) => r[0])).toEqual(['50–59', '60 tai yli']);
  });

  it('suppresses nothing at threshold 0', () => {
    for (const table of overviewTables(doc, FIGURES, 0)) {
      expect(table.rows.flat()).not.toContain(null);
      expect(table.footnotes.some((f) => /salattu/.test(f))).toBe(false);
    }
  });

  it('round-trips through XLSX with ".." for suppressed cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const xlsx = await renderXlsx(tables, 'fi');
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    expect((workbook as unknown as { language?: string }).language).toBe('fi');
    expect(workbook.worksheets).toHaveLength(tables.length);
    const names = workbook.worksheets.map((w) => w.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    const sheet = workbook.getWorksheet(names[tables.indexOf(byId('endReasons'))]!)!;
    expect(sheet.getCell('A1').value).toBe(byId('endReasons').title);
    expect(sheet.getRow(3).getCell(1).value).toBe('Syy');
    expect(sheet.getRow(3).font?.bold).toBe(true);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const deceased = rows.find((r) => r[1] === 'Kuollut')!;
    expect(deceased[2]).toBe('..');
    const ended = rows.find((r) => r[1] === 'Ei enää avun tarvetta')!;
    expect(ended[2]).toBe(98);
    expect(rows.some((r) => typeof r[1] === 'string' && r[1].startsWith('.. Tieto on salattu'))).toBe(true);
  });

  it('names sheets within Excel limits', () => {
    const used = new Set<string>();
    const long = 'Suomessa hyväksikäytetyt oleskeluaseman mukaan';
    const a = sheetName(long, used);
    const b = sheetName(long, used);
    expect(a.length).toBeLessThanOrEqual(31);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(a).not.toBe(b);
    expect(sheetName('a/b:c*d?[e]', used)).toBe('a b c d e');
  });

  it('writes CSV with a BOM, empty suppressed cells and a footnote column', () => {
    const csv = renderCsv(byId('endReasons'));
    expect(csv.startsWith('\ufeffSyy;Lukumäärä;Alaviite\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe('Ei enää avun tarvetta;98;');
    const deceased = lines.find((l) => l.startsWith('Kuollut;'))!;
    expect(deceased).toMatch(/^Kuollut;;Tieto on salattu/);
    expect(lines.at(-1)).toBe('Yhteensä;169;');
    const plain: OpenDataTable = { id: 'x', title: 'X', lang: 'en', columns: ['A', 'B'], rows: [['a, "b"', 1]], footnotes: [] };
    expect(renderCsv(plain, { delimiter: ',' })).toBe('\ufeffA,B\r\n"a, ""b""",1\r\n');
  });
});
