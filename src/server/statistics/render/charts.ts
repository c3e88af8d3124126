/**
 * The overview's charts as SVG, rendered on the server by ECharts: the same picture in the
 * HTML page (inline) and in the PDF (through svg-to-pdfkit). Every number of a chart is
 * written on it as text, and `chartTable` gives the same numbers as a table.
 */
import type * as ECharts from 'echarts';
import type { Language } from '../../../domain/codes.js';
import type { ChartSpec } from '../overview/document.js';
import { loadPdfKit } from '../../pdf/pdfkit.js';
import { capitalise, formatNumber, formatPercent } from '../overview/format.js';
import { FONT_STACK, fontRuns, pdfFontName, registerPdfFonts } from './fonts.js';
import { RENDER_STRINGS, dimensionOf } from './strings.js';

/** Colours of the Finnish design system (suomifi-design-tokens). */
export const COLOURS = {
  brand: '#003479',
  highlight: '#2a6ebb',
  highlightLight: '#eaf2fa',
  accent: '#e97025',
  success: '#09a580',
  text: '#212121',
  muted: '#5f686d',
  rule: '#c8cdd0',
  background: '#f7f7f8',
  white: '#ffffff',
} as const;

/**
 * Series colours, in the order they are used. Every one has at least 3:1 contrast with the
 * white background (WCAG 1.4.11), and neighbours differ in lightness as well as hue, so that
 * adjacent slices and segments stay apart in greyscale print too.
 */
export const PALETTE = [COLOURS.brand, COLOURS.accent, COLOURS.highlight, COLOURS.success, '#86499c', '#1a99c7', '#ae332d', COLOURS.muted] as const;

/** Width of every chart in CSS pixels; the height follows the number of categories. */
export const CHART_WIDTH = 640;
const FONT_SIZE = 13;
const LINE_HEIGHT = 16;
const MAX_LABEL_WIDTH = 220;

// ---------------------------------------------------------------------------------------------
// Text measurement. Without a canvas ECharts guesses text widths; measuring with the embedded
// Source Sans 3 makes label wrapping, pie label placement and the fit of numbers inside
// segments follow the real glyphs (the same ones the PDF embeds).

let measurer: PDFKit.PDFDocument | undefined;

function textWidth(text: string, size: number, bold = false): number {
  if (!measurer) throw new Error('textWidth before loadECharts()');
  let width = 0;
  for (const run of fontRuns(text)) width += measurer.font(pdfFontName(run.subset, bold)).fontSize(size).widthOfString(run.text);
  return width;
}

let echartsModule: Promise<typeof ECharts> | undefined;

/**
 * ECharts, set up to measure text with the embedded fonts. Loaded on first use, with pdfkit, so
 * that a server that draws no chart does not hold either in memory.
 */
function loadECharts(): Promise<typeof ECharts> {
  return (echartsModule ??= (async () => {
    const [echarts, PDFDocument] = await Promise.all([import('echarts'), loadPdfKit()]);
    measurer = new PDFDocument({ autoFirstPage: false });
    registerPdfFonts(measurer);
    echarts.setPlatformAPI({
      measureText(text: string, font?: string) {
        const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
        const bold = /\bbold\b|\b[6-9]00\b/.test(font ?? '');
        // When wrapping, zrender takes every non-ASCII character (ä, ö, å) to be as wide as '国';
        // the labels are Latin, so that width is a Latin letter's.
        return { width: textWidth(text === '国' ? 'o' : text, size, bold) };
      },
    });
    return echarts;
  })());
}

// ---------------------------------------------------------------------------------------------

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** White or dark text on a fill, whichever reads better (both palettes give at least 4.5:1). */
export function textOn(fill: string): string {
  return contrast(COLOURS.white, fill) >= contrast(COLOURS.text, fill) ? COLOURS.white : COLOURS.text;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Labels as printed: code labels are lower case in the code lists, charts start with a capital. */
function labelsOf(spec: ChartSpec): string[] {
  return spec.categories.map(capitalise);
}

type Option = ECharts.EChartsOption;
const baseText = { fontFamily: FONT_STACK, fontSize: FONT_SIZE, color: COLOURS.text };

/** Width of the category labels: the longest label, wrapped to at most MAX_LABEL_WIDTH. */
function labelColumn(labels: string[]): { width: number; rowHeight: number } {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, FONT_SIZE)));
  const lines = Math.max(1, ...labels.map((l) => Math.ceil(textWidth(l, FONT_SIZE) / MAX_LABEL_WIDTH)));
  // A little slack: ECharts breaks a label that fills its width exactly.
  return { width: Math.ceil(Math.min(widest, MAX_LABEL_WIDTH)) + 2, rowHeight: Math.max(26, lines * LINE_HEIGHT + 6) };
}

function categoryAxis(labels: string[], width: number): Option['yAxis'] {
  return {
    type: 'category',
    inverse: true,
    data: labels,
    axisLine: { show: true, lineStyle: { color: COLOURS.muted } },
    axisTick: { show: false },
    axisLabel: { ...baseText, width, overflow: 'break', lineHeight: LINE_HEIGHT, margin: 10 },
  };
}

function barOption(spec: ChartSpec, lang: Language): { option: Option; height: number } {
  const labels = labelsOf(spec);
  const values = spec.series[0]?.values ?? [];
  const n = (x: number) => formatNumber(x, lang);
  const { width, rowHeight } = labelColumn(labels);
  const valueWidth = Math.ceil(Math.max(0, ...values.map((v) => textWidth(n(v), FONT_SIZE, true)))) + 16;
  const height = labels.length * rowHeight + 12;
  return {
    height,
    option: {
      grid: { left: width + 14, right: valueWidth, top: 6, bottom: 6, outerBoundsMode: 'none' },
      xAxis: { type: 'value', show: false, min: 0, max: Math.max(1, ...values) },
      yAxis: categoryAxis(labels, width),
      series: [
        {
          type: 'bar',
          data: values,
          barMaxWidth: 18,
          barCategoryGap: '28%',
          itemStyle: { color: COLOURS.highlight },
          label: { show: true, position: 'right', distance: 6, ...baseText, fontWeight: 'bold', formatter: (p) => n(Number(p.value)) },
        },
      ],
    },
  };
}

function pieOption(spec: ChartSpec, lang: Language): { option: Option; height: number } {
  const labels = labelsOf(spec);
  const values = spec.series[0]?.values ?? [];
  const total = sum(values);
  const height = Math.max(230, 100 + labels.length * 22);
  return {
    height,
    option: {
      series: [
        {
          type: 'pie',
          radius: 90,
          center: ['50%', '50%'],
          startAngle: 90,
          clockwise: true,
          avoidLabelOverlap: true,
          minShowLabelAngle: 0,
          itemStyle: { borderColor: COLOURS.white, borderWidth: 2 },
          label: {
            ...baseText,
            lineHeight: LINE_HEIGHT,
            alignTo: 'edge',
            edgeDistance: 4,
            overflow: 'break',
            formatter: (p) => `${p.name}: ${formatNumber(Number(p.value), lang)} (${formatPercent(Number(p.value) / total, lang)})`,
          },
          labelLine: { length: 14, length2: 10, lineStyle: { color: COLOURS.muted } },
          data: labels.map((name, i) => ({ name, value: values[i] ?? 0, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        },
      ],
    },
  };
}

function stackedOption(spec: ChartSpec, lang: Language): { option: Option; height: number } {
  const labels = labelsOf(spec);
  const n = (x: number) => formatNumber(x, lang);
  const totals = labels.map((_, i) => sum(spec.series.map((s) => s.values[i] ?? 0)));
  const { width, rowHeight } = labelColumn(labels);
  const valueWidth = Math.ceil(Math.max(0, ...totals.map((v) => textWidth(n(v), FONT_SIZE, true)))) + 16;
  const left = width + 14;
  const legendHeight = 34;
  const height = legendHeight + labels.length * rowHeight + 12;
  const max = Math.max(1, ...totals);
  const plotWidth = CHART_WIDTH - left - valueWidth;
  const names = spec.series.map((s) => capitalise(s.name));
  return {
    height,
    option: {
      legend: {
        data: names,
        top: 4,
        left,
        icon: 'rect',
        itemWidth: 14,
        itemHeight: 14,
        itemGap: 20,
        selectedMode: false,
        textStyle: baseText,
      },
      grid: { left, right: valueWidth, top: legendHeight, bottom: 6, outerBoundsMode: 'none' },
      xAxis: { type: 'value', show: false, min: 0, max },
      yAxis: categoryAxis(labels, width),
      series: [
        ...spec.series.map((s, k) => {
          const colour = PALETTE[k % PALETTE.length]!;
          return {
            type: 'bar' as const,
            name: names[k]!,
            stack: 'total',
            barMaxWidth: 22,
            barCategoryGap: '30%',
            itemStyle: { color: colour, borderColor: COLOURS.white, borderWidth: 1 },
            // A number goes inside its segment when it fits; the total at the end of the bar
            // and the table under the chart carry the rest.
            data: s.values.map((v) => ({
              value: v,
              label: { show: v > 0 && (v / max) * plotWidth >= textWidth(n(v), FONT_SIZE) + 8 },
            })),
            label: { position: 'inside' as const, ...baseText, color: textOn(colour), formatter: (p: { value: unknown }) => n(Number(p.value)) },
          };
        }),
        {
          // Zero-width bars at the end of each stack, carrying the totals as their labels.
          type: 'bar' as const,
          stack: 'total',
          silent: true,
          data: totals.map(() => 0),
          itemStyle: { color: 'transparent' },
          label: { show: true, position: 'right' as const, distance: 6, ...baseText, fontWeight: 'bold' as const, formatter: (p: { dataIndex: number }) => n(totals[p.dataIndex] ?? 0) },
        },
      ],
    },
  };
}

function emptySvg(spec: ChartSpec, lang: Language): string {
  const height = 60;
  return (
    `<svg width="${CHART_WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${CHART_WIDTH} ${height}">` +
    `<text x="0" y="30" dominant-baseline="central" style="font-size:${FONT_SIZE}px;font-family:${escapeXml(FONT_STACK)};" fill="${COLOURS.muted}">${escapeXml(RENDER_STRINGS[lang].noData)}</text></svg>`
  );
}

/** Makes the SVG of ECharts stable and self-describing: ids from the chart, no interaction CSS, a title. */
function finish(svg: string, spec: ChartSpec): string {
  const prefix = `chart-${spec.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    svg
      // Instance counters of zrender would make the same chart differ between calls.
      .replace(/\bzr\d+-/g, `${prefix}-`)
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
      .replace(/ (?:ecmeta_[a-z_]+|class|pointer-events)="[^"]*"/g, '')
      .replace(/\n+/g, '\n')
      .replace(/<svg ([^>]*)>/, `<svg $1 role="img" aria-labelledby="${prefix}-title"><title id="${prefix}-title">${escapeXml(spec.title)}</title>`)
  );
}

/** The chart as a standalone SVG document of fixed size, its `<title>` the chart title. */
export async function chartSvg(spec: ChartSpec, lang: Language): Promise<string> {
  const values = spec.series.flatMap((s) => s.values);
  if (spec.categories.length === 0 || !values.some((v) => v > 0)) return finish(emptySvg(spec, lang), spec);
  const echarts = await loadECharts();
  const { option, height } = spec.kind === 'pie' ? pieOption(spec, lang) : spec.kind === 'stacked' ? stackedOption(spec, lang) : barOption(spec, lang);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: baseText, ...option });
    return finish(chart.renderToSVGString(), spec);
  } finally {
    chart.dispose();
  }
}

/** The size an SVG of `chartSvg` declares, in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg [^>]*>/.exec(svg)?.[0] ?? '';
  return { width: Number(/ width="([\d.]+)"/.exec(tag)?.[1] ?? CHART_WIDTH), height: Number(/ height="([\d.]+)"/.exec(tag)?.[1] ?? 0) };
}

/** A chart's numbers as a table of formatted strings: the same numbers the chart shows. */
export interface ChartTable {
  head: string[];
  rows: string[][];
  /** The totals row, for pies (the whole) and stacked bars (the column sums). */
  foot?: string[];
}

export function chartTable(spec: ChartSpec, lang: Language): ChartTable {
  const s = RENDER_STRINGS[lang];
  const n = (x: number) => formatNumber(x, lang);
  const labels = labelsOf(spec);
  const dimension = dimensionOf(lang, spec.id);
  if (spec.kind === 'stacked') {
    const totals = labels.map((_, i) => sum(spec.series.map((x) => x.values[i] ?? 0)));
    return {
      head: [dimension, ...spec.series.map((x) => capitalise(x.name)), s.total],
      rows: labels.map((label, i) => [label, ...spec.series.map((x) => n(x.values[i] ?? 0)), n(totals[i]!)]),
      foot: [s.total, ...spec.series.map((x) => n(sum(x.values))), n(sum(totals))],
    };
  }
  const values = spec.series[0]?.values ?? [];
  if (spec.kind === 'pie') {
    const total = sum(values);
    return {
      head: [dimension, s.count, s.share],
      rows: labels.map((label, i) => [label, n(values[i] ?? 0), total > 0 ? formatPercent((values[i] ?? 0) / total, lang) : '']),
      foot: [s.total, n(total), total > 0 ? formatPercent(1, lang) : ''],
    };
  }
  return { head: [dimension, s.count], rows: labels.map((label, i) => [label, n(values[i] ?? 0)]) };
}
