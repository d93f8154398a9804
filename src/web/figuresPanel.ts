// Figures stated about the searched subject, side by side per speaker, so a
// reader sees at once that one official said 超10.2亿元 and another 11.4亿元.

import type { FiguresResponse, StatedFigure } from './api.js';
import { h, marked } from './dom.js';
import { documentUrl, modeBadge, speakerLine } from './labels.js';

// A year or a date is when something happened, not an amount said about it.
const NOT_AMOUNTS = new Set(['年', '月', '日', '号']);

function figureRow(f: StatedFigure): HTMLElement {
  const at = f.context.indexOf(f.figure);
  const len = Array.from(f.figure).length;
  const start = at < 0 ? -1 : Array.from(f.context.slice(0, at)).length;
  const anchor = f.passage.slice(f.passage.lastIndexOf(':') + 1);
  return h(
    'li',
    { class: 'figure-row' },
    h('span', { class: 'figure-who' }, speakerLine(f.speaker, modeBadge(f.mode))),
    h('strong', { class: 'figure-value' }, f.figure),
    h('a', { class: 'figure-context', href: documentUrl(f.doc.id, anchor) }, start < 0 ? f.context : marked(f.context, [{ start, end: start + len }])),
  );
}

export function figuresPanel(res: FiguresResponse): HTMLElement | null {
  const amounts = res.figures.filter((f) => !NOT_AMOUNTS.has(f.unit));
  if (amounts.length === 0) return null;
  const speakers = new Set(amounts.map((f) => f.speaker?.name ?? ''));
  return h(
    'section',
    { class: 'figures', 'aria-label': '数字对照' },
    h(
      'h2',
      { class: 'figures-title' },
      speakers.size > 1 ? `数字对照：${speakers.size} 位发言人谈“${res.subject}”时给出的数字` : `谈“${res.subject}”时给出的数字`,
    ),
    h('ul', { class: 'figure-list' }, amounts.slice(0, 8).map(figureRow)),
  );
}
