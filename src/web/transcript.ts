// A transcript laid out for reading: passages gathered into turns (one
// speaker, one kind, in a row) under a heading that names the speaker, and
// each question kept in one box with the answers to it.

import type { Passage, Span } from './api.js';
import { h, marked } from './dom.js';
import { bodyOffset, exchangeNote, kindBadge, modeBadge, speakerLine } from './labels.js';

function passageBlock(p: Passage, marks: Span[]): HTMLElement {
  const body = bodyOffset(p);
  const chars = Array.from(p.text);
  const rel = marks.map((m) => ({ start: m.start - p.start - body, end: m.end - p.start - body }));
  return h(
    'div',
    { class: `passage kind-${p.kind}`, id: p.anchor },
    h('a', { class: 'passage-number', href: `#${p.anchor}`, title: `第${p.anchor.slice(1)}段的链接` }, p.anchor.slice(1)),
    h(
      'p',
      { class: 'passage-text' },
      body > 0 ? h('span', { class: 'passage-label' }, chars.slice(0, body).join('')) : null,
      marked(chars.slice(body).join(''), rel),
    ),
  );
}

function sameTurn(a: Passage, b: Passage): boolean {
  return a.kind === b.kind && a.mode === b.mode && a.speaker?.name === b.speaker?.name && a.exchange?.question === b.exchange?.question;
}

function turn(passages: Passage[], marksOf: (p: Passage) => Span[]): HTMLElement {
  const first = passages[0]!;
  const note = exchangeNote(first);
  return h(
    'section',
    { class: `turn kind-${first.kind}` },
    h(
      'h3',
      { class: 'turn-head' },
      kindBadge(first.kind),
      modeBadge(first.mode),
      speakerLine(first.speaker),
      note ? h('span', { class: 'turn-note' }, note) : null,
    ),
    first.mode === 'reported' ? h('p', { class: 'turn-hint' }, '以下为报道记者的转述，非发言人原话。') : null,
    passages.map((p) => passageBlock(p, marksOf(p))),
  );
}

export function transcriptBody(passages: Passage[], marksOf: (p: Passage) => Span[]): HTMLElement {
  const out = h('div', { class: 'transcript' });
  let exchangeBox: HTMLElement | null = null;
  let exchangeId: string | null = null;
  let run: Passage[] = [];
  const flush = () => {
    if (run.length === 0) return;
    (exchangeBox ?? out).append(turn(run, marksOf));
    run = [];
  };
  for (const p of passages) {
    const ex = p.exchange?.question ?? null;
    if (run.length && !sameTurn(run[run.length - 1]!, p)) flush();
    if (ex !== exchangeId) {
      flush();
      exchangeId = ex;
      exchangeBox = ex ? h('div', { class: 'exchange', role: 'group', 'aria-label': '一问一答' }) : null;
      if (exchangeBox) out.append(exchangeBox);
    }
    if (p.kind === 'heading') {
      flush();
      out.append(h('h2', { class: 'transcript-heading', id: p.anchor }, p.text));
    } else if (p.kind === 'note') {
      flush();
      out.append(h('p', { class: 'stage-note', id: p.anchor }, p.text));
    } else run.push(p);
  }
  flush();
  return out;
}
