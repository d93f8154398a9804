// A topic's mentions over time as stacked bars in plain SVG: one group per
// period (month, or press conference when they all fall in one month), one
// segment per main speaker, the rest on top as 其他. Each group and segment
// carries a <title> (the tooltip, and what a screen reader reads); the legend
// is HTML beside it so it wraps on a phone.

import type { TopicView } from './api.js';
import { h, svg } from './dom.js';

/** Series colours, then grey for others; each readable against white. */
export const SERIES_COLORS = ['#a61b1b', '#1d4ed8', '#0f766e', '#b45309', '#6d28d9'];
export const OTHERS_COLOR = '#9ca3af';
const OTHERS = '其他';

const HEIGHT = 220;
const M = { top: 12, right: 8, bottom: 34, left: 40 };
const FONT = 12;

/** An upper bound for the axis and a round step that divides it: 1, 2 or 5 times a power of ten. */
function scale(max: number): { top: number; step: number } {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough)!;
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

function periodName(p: TopicView['timeline']['periods'][number], byDocument: boolean): string {
  return byDocument ? `${p.date ?? '日期不详'} ${p.title ?? p.key}` : p.date ?? '日期不详';
}

export function topicChart(topic: string, timeline: TopicView['timeline'], width: number): HTMLElement {
  const { periods, series, granularity } = timeline;
  const byDocument = granularity === 'document';
  const names = [...series, OTHERS];
  const colors = [...SERIES_COLORS.slice(0, series.length), OTHERS_COLOR];
  const plotW = width - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const { top, step } = scale(Math.max(1, ...periods.map((p) => p.count)));
  const y = (n: number) => M.top + plotH - (n / top) * plotH;
  const band = plotW / Math.max(1, periods.length);
  const barW = band < 4 ? band : Math.min(band * 0.72, 56);

  const grid = [];
  for (let n = 0; n <= top; n += step) {
    grid.push(
      svg('line', { class: n ? 'chart-grid' : 'chart-axis', x1: M.left, x2: width - M.right, y1: y(n), y2: y(n) }),
      svg('text', { class: 'chart-tick', x: M.left - 6, y: y(n) + FONT / 3, 'text-anchor': 'end' }, String(n)),
    );
  }

  // Labels no closer than their width: every k-th period, kept inside the edges, one that would touch its neighbour left out.
  const labelW = (byDocument ? 10 : 7) * FONT * 0.6;
  const every = Math.max(1, Math.ceil((labelW + 8) / band));
  let labelEnd = -Infinity;
  const label = (i: number, text: string) => {
    if (i % every !== 0) return null;
    const x = Math.min(Math.max(M.left + i * band + band / 2, labelW / 2), width - labelW / 2 - 2);
    if (x - labelW / 2 < labelEnd + 8) return null;
    labelEnd = x + labelW / 2;
    return svg('text', { class: 'chart-label', x, y: HEIGHT - M.bottom + FONT + 6, 'text-anchor': 'middle' }, text);
  };
  const groups = periods.map((p, i) => {
    const x = M.left + i * band + (band - barW) / 2;
    const counts = [...p.speakers.map((s) => s.count), p.others];
    let base = 0;
    const segments = counts.map((n, j) => {
      if (!n) return null;
      const rect = svg(
        'rect',
        { class: 'bar', x, width: barW, y: y(base + n), height: y(base) - y(base + n), fill: colors[j], 'data-series': names[j], 'data-count': n },
        svg('title', {}, `${periodName(p, byDocument)} · ${names[j]}：${n} 段`),
      );
      base += n;
      return rect;
    });
    const breakdown = counts.map((n, j) => (n ? `${names[j]} ${n}` : '')).filter(Boolean).join('，');
    return svg(
      'g',
      { class: 'bar-group', 'data-key': p.key, 'data-count': p.count },
      svg('title', {}, `${periodName(p, byDocument)}：${p.count} 段${breakdown ? `（${breakdown}）` : ''}`),
      segments,
      label(i, p.date ?? '日期不详'),
    );
  });

  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const busiest = periods.reduce((a, b) => (b.count > a.count ? b : a), periods[0]!);
  const what = byDocument ? '各场发布会' : '每月';
  const chart = svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'img', 'aria-labelledby': `${id}-t ${id}-d` },
    svg('title', { id: `${id}-t` }, `“${topic}”${what}提及的段落数`),
    svg(
      'desc',
      { id: `${id}-d` },
      `${periods.length} 个${byDocument ? '场次' : '月份'}，从 ${periodName(periods[0]!, byDocument)} 到 ${periodName(periods[periods.length - 1]!, byDocument)}；最多的是 ${periodName(busiest, byDocument)}（${busiest.count} 段）。`,
    ),
    grid,
    groups,
    svg('text', { class: 'chart-axis-title', x: 4, y: M.top - 2 + FONT / 2 }, '段'),
  );

  const totals = counts(timeline);
  const legend = h(
    'ul',
    { class: 'chart-legend', 'aria-label': '图例' },
    names.map((name, j) =>
      totals[j] ? h('li', {}, swatch(colors[j]!), name, h('span', { class: 'muted' }, ` ${totals[j]}`)) : null,
    ),
  );
  return h('figure', { class: 'topic-chart' }, chart, legend);
}

function counts(t: TopicView['timeline']): number[] {
  const out = new Array<number>(t.series.length + 1).fill(0);
  for (const p of t.periods) {
    p.speakers.forEach((s, j) => (out[j]! += s.count));
    out[t.series.length]! += p.others;
  }
  return out;
}

export function swatch(color: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.background = color;
  return el;
}
