// One search result: who (name, title, organisation), what kind of passage,
// where (document and date), and the snippet with the search terms marked.
// The snippet is a link to the passage in its transcript.

import type { Hit } from './api.js';
import { h, marked } from './dom.js';
import { bodyOffset, documentUrl, exchangeNote, formatDate, kindBadge, modeBadge, speakerLine } from './labels.js';
import { topicLinks } from './topicLinks.js';

/** The snippet window minus the speaker label, with marks, relative to the passage. */
function snippet(hit: Hit): DocumentFragment {
  const from = Math.max(hit.snippet.start - hit.start, bodyOffset(hit));
  const to = hit.snippet.end - hit.start;
  const text = Array.from(hit.text).slice(from, to).join('');
  const marks = hit.marks.map((m) => ({ start: m.start - hit.start - from, end: m.end - hit.start - from }));
  const frag = marked(text, marks);
  if (from > bodyOffset(hit)) frag.prepend('…');
  if (hit.snippet.end < hit.end) frag.append('…');
  return frag;
}

export function hitCard(hit: Hit, q: string, opts: { showSpeaker?: boolean } = {}): HTMLElement {
  const note = exchangeNote(hit);
  return h(
    'article',
    { class: `hit kind-${hit.kind}`, 'data-id': hit.id },
    h(
      'header',
      { class: 'hit-head' },
      kindBadge(hit.kind),
      modeBadge(hit.mode),
      opts.showSpeaker === false ? null : speakerLine(hit.speaker),
      note ? h('span', { class: 'hit-exchange' }, note) : null,
      hit.match === 'exchange' ? h('span', { class: 'hit-match', title: '各词分布在同一问答中' }, '问答内匹配') : null,
      hit.match === 'partial' ? h('span', { class: 'hit-match', title: '只含部分检索词' }, '部分匹配') : null,
    ),
    h('a', { class: 'hit-text', href: documentUrl(hit.doc.id, hit.anchor, q) }, snippet(hit)),
    h(
      'footer',
      { class: 'hit-foot' },
      h('a', { class: 'hit-doc', href: documentUrl(hit.doc.id) }, hit.doc.title),
      h('span', { class: 'hit-date' }, formatDate(hit.doc.date)),
      h('span', { class: 'hit-para' }, `第${hit.anchor.slice(1)}段`),
      topicLinks(hit.topics),
    ),
  );
}
