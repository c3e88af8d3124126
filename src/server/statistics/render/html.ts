/**
 * The overview as one self-contained HTML page for the web and for print: the typeface is
 * embedded, the charts are inline SVG, and each chart is followed by a table with the same
 * numbers. There is no script: the page is a document, not an application.
 */
import type { OverviewDocument } from '../overview/document.js';
import { chartSvg, chartTable, COLOURS, type ChartTable } from './charts.js';
import { FONT_STACK, FONT_WEIGHTS, fontFile, needsExtended, unicodeRange, type FontSubset } from './fonts.js';
import { disclosureNote, RENDER_STRINGS } from './strings.js';

/** Text for an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** An id made of the characters every id may contain. */
function idOf(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

function fontFaces(subsets: FontSubset[]): string {
  return subsets
    .flatMap((subset) =>
      FONT_WEIGHTS.map(
        (weight) =>
          `@font-face{font-family:'Source Sans 3';font-style:normal;font-weight:${weight};font-display:swap;` +
          `src:url(data:font/woff2;base64,${fontFile(subset, weight, 'woff2').toString('base64')}) format('woff2');unicode-range:${unicodeRange(subset)};}`,
      ),
    )
    .join('\n');
}

const STYLE = `
:root{--brand:${COLOURS.brand};--highlight:${COLOURS.highlight};--accent:${COLOURS.accent};--text:${COLOURS.text};--muted:${COLOURS.muted};--rule:${COLOURS.rule};--light:${COLOURS.highlightLight};--grey:${COLOURS.background}}
*,*::before,*::after{box-sizing:border-box}
html{font-family:${FONT_STACK};font-size:100%;line-height:1.5;color:var(--text);background:#fff;-webkit-text-size-adjust:100%}
body{margin:0;font-size:1.0625rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.5rem}
.cover{background:var(--brand);color:#fff;border-bottom:6px solid var(--accent)}
.cover .wrap{padding-top:3rem;padding-bottom:2.5rem}
.kicker{margin:0 0 .5rem;font-size:.875rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:#d5e4f6}
h1{margin:0;font-size:2.25rem;line-height:1.2;font-weight:700}
h2{margin:3.5rem 0 1rem;font-size:1.75rem;line-height:1.25;color:var(--brand)}
h2::before{content:"";display:block;width:2.5rem;height:.25rem;margin-bottom:.75rem;background:var(--accent)}
p{margin:0 0 1rem}
.introduction{margin-top:2rem}
.contacts{margin:2rem 0;padding:1.25rem 1.5rem;background:var(--light);border-left:4px solid var(--brand)}
.contacts h2{margin:0 0 .75rem;font-size:1.125rem}
.contacts h2::before{display:none}
.contacts address{font-style:normal}
.contacts ul{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem 2rem;margin:0;padding:0;list-style:none}
.contacts .name{display:block;font-weight:700}
.contacts .role{display:block;color:var(--muted)}
a{color:#1f5a9e}
figure{margin:2.5rem 0}
figcaption{margin-bottom:.75rem;font-weight:700;color:var(--brand)}
figure svg{display:block;width:100%;max-width:640px;height:auto}
table{margin-top:1rem;border-collapse:collapse;font-size:.9375rem;font-variant-numeric:tabular-nums}
th,td{padding:.3rem .75rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
td{text-align:right}
tbody th{font-weight:400}
thead th{background:var(--grey);border-bottom:2px solid var(--brand)}
thead th:not(:first-child){text-align:right}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--brand)}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer{margin-top:3.5rem;border-top:1px solid var(--rule)}
footer .wrap{padding-top:1rem;padding-bottom:3rem;font-size:.9375rem;color:var(--muted)}
@page{size:A4;margin:20mm 18mm 22mm;@bottom-right{content:counter(page);font-size:8pt;color:${COLOURS.muted}}}
@media print{
html{font-size:10.5pt}
body{font-size:1rem}
.wrap{max-width:none;padding-left:0;padding-right:0}
.cover{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.cover .wrap{padding:1.5rem 1.5rem 1.25rem}
.contacts,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
section.chapter{break-before:page}
h2{break-after:avoid}
figure,table,.contacts{break-inside:avoid}
a{color:inherit;text-decoration:none}
}`;

/** "0295 463 223" → "tel:+358295463223"; null for anything that is not a phone number. */
function telHref(phone: string): string | null {
  if (!/^\+?[\d\s()-]{5,}$/.test(phone.trim())) return null;
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('0') ? `+358${digits.slice(1)}` : digits}`;
}

function mailHref(email: string): string | null {
  return /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(email) ? `mailto:${email}` : null;
}

function link(text: string, href: string | null): string {
  return href ? `<a href="${e(href)}">${e(text)}</a>` : e(text);
}

function contacts(doc: OverviewDocument): string {
  if (doc.contacts.length === 0) return '';
  const s = RENDER_STRINGS[doc.lang];
  const items = doc.contacts.map(
    (c) =>
      `<li><span class="name">${e(c.name)}</span><span class="role">${e(c.title)}</span>` +
      `<span class="visually-hidden">${e(s.phone)} </span>${link(c.phone, telHref(c.phone))}<br>` +
      `<span class="visually-hidden">${e(s.email)} </span>${link(c.email, mailHref(c.email))}</li>`,
  );
  return `<aside class="contacts" aria-labelledby="contacts-heading">\n<h2 id="contacts-heading">${e(s.moreInformation)}</h2>\n<address><ul>\n${items.join('\n')}\n</ul></address>\n</aside>`;
}

function table(t: ChartTable, caption: string): string {
  const row = (cells: string[]) => `<tr><th scope="row">${e(cells[0] ?? '')}</th>${cells.slice(1).map((c) => `<td>${e(c)}</td>`).join('')}</tr>`;
  return [
    '<table>',
    `<caption class="visually-hidden">${e(caption)}</caption>`,
    `<thead><tr>${t.head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${t.rows.map(row).join('\n')}\n</tbody>`,
    t.foot ? `<tfoot>${row(t.foot)}</tfoot>` : '',
    '</table>',
  ].join('\n');
}

export async function renderHtml(doc: OverviewDocument): Promise<string> {
  const s = RENDER_STRINGS[doc.lang];
  const allText = [doc.title, ...doc.introduction, ...doc.sections.flatMap((x) => [x.heading, ...x.paragraphs, ...x.charts.flatMap((c) => [c.title, ...c.categories])])].join(' ');
  const subsets: FontSubset[] = needsExtended(allText) ? ['latin', 'latin-ext'] : ['latin'];

  let figure = 0;
  const sections: string[] = [];
  for (const section of doc.sections) {
    const id = idOf(section.id);
    const figures: string[] = [];
    for (const spec of section.charts) {
      figure += 1;
      const figId = `figure-${idOf(spec.id)}`;
      figures.push(
        [
          `<figure id="${figId}">`,
          `<figcaption>${e(s.figure(figure))} ${e(spec.title)}</figcaption>`,
          await chartSvg(spec, doc.lang),
          table(chartTable(spec, doc.lang), spec.title),
          '</figure>',
        ].join('\n'),
      );
    }
    sections.push(
      [
        `<section class="chapter" id="${id}" aria-labelledby="${id}-heading">`,
        `<h2 id="${id}-heading">${e(section.heading)}</h2>`,
        ...section.paragraphs.map((p) => `<p>${e(p)}</p>`),
        ...figures,
        '</section>',
      ].join('\n'),
    );
  }

  return [
    '<!DOCTYPE html>',
    `<html lang="${e(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(doc.title)}</title>`,
    `<style>\n${fontFaces(subsets)}\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header class="cover"><div class="wrap">',
    `<p class="kicker">${e(s.publication)} ${e(doc.periodLabel)}</p>`,
    `<h1>${e(doc.title)}</h1>`,
    '</div></header>',
    '<main class="wrap">',
    `<div class="introduction">\n${doc.introduction.map((p) => `<p>${e(p)}</p>`).join('\n')}\n</div>`,
    contacts(doc),
    ...sections,
    '</main>',
    `<footer><div class="wrap"><p>${e(disclosureNote(doc.lang, doc.threshold))}</p></div></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
