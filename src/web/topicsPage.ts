// The topics: /topics lists them, biggest first; /topics/<name> shows one:
// who speaks about it (with their share), a chart of its mentions over time,
// and its passages, newest first. A speaker links to the search for what they
// said about the topic; a box searches words among the topic's passages.

import { api, type Facet, type Passage, type TopicView } from './api.js';
import { h, fill } from './dom.js';
import { moreButton } from './moreButton.js';
import { bodyOffset, documentUrl, exchangeNote, formatDate, kindBadge, modeBadge, speakerLine, speakerUrl } from './labels.js';
import type { View } from './main.js';
import { SERIES_COLORS, swatch, topicChart } from './topicChart.js';
import { topicLinks, topicSearchUrl, topicUrl } from './topicLinks.js';

const LIST_PAGE = 100;
const PASSAGE_PAGE = 20;

function bar(fraction: number, color?: string): HTMLElement {
  const fill = h('span', { class: 'share-fill' });
  fill.style.width = `${Math.max(1, Math.round(fraction * 100))}%`;
  if (color) fill.style.background = color;
  return h('span', { class: 'share-bar', 'aria-hidden': 'true' }, fill);
}

function topicItem(t: Facet, max: number): HTMLElement {
  return h(
    'li',
    { class: 'topic-item' },
    h('a', { class: 'topic-name', href: topicUrl(t.name) }, t.name),
    h('span', { class: 'topic-count' }, `${t.count} 段`),
    bar(t.count / max),
  );
}

export async function topicsPage(view: View): Promise<void> {
  const { topics, total } = await api.topics(0, LIST_PAGE);
  if (!view.current()) return;
  document.title = '主题 · 话语';
  const max = topics[0]?.count ?? 1;
  const list = h('ol', { class: 'topic-list' }, topics.map((t) => topicItem(t, max)));
  const more = moreButton(list, total, topics.length, '个', async (offset) => (await api.topics(offset, LIST_PAGE)).topics.map((t) => topicItem(t, max)));
  fill(
    view.root,
    h(
      'div',
      { class: 'topics-page' },
      h(
        'header',
        { class: 'speaker-head' },
        h('p', { class: 'eyebrow' }, '主题'),
        h('h1', {}, '实录中的主题'),
        h('p', { class: 'muted' }, `共 ${total} 个主题，按提及的段落数排列。点开一个主题，看谁在谈、何时谈得多。`),
      ),
      total ? list : h('p', { class: 'empty' }, '还没有主题。'),
      more,
    ),
  );
}

function passageCard(p: Passage, topic: string): HTMLElement {
  const note = exchangeNote(p);
  return h(
    'article',
    { class: `hit kind-${p.kind}`, 'data-id': p.id },
    h('header', { class: 'hit-head' }, kindBadge(p.kind), modeBadge(p.mode), speakerLine(p.speaker), note ? h('span', { class: 'hit-exchange' }, note) : null),
    h('a', { class: 'hit-text', href: documentUrl(p.doc.id, p.anchor) }, Array.from(p.text).slice(bodyOffset(p)).join('')),
    h(
      'footer',
      { class: 'hit-foot' },
      h('a', { class: 'hit-doc', href: documentUrl(p.doc.id) }, p.doc.title),
      h('span', { class: 'hit-date' }, formatDate(p.doc.date)),
      h('span', { class: 'hit-para' }, `第${p.anchor.slice(1)}段`),
      topicLinks(p.topics, 3, topic),
    ),
  );
}

function speakersSection(v: TopicView): HTMLElement {
  const colorOf = new Map(v.timeline.series.map((name, i) => [name, SERIES_COLORS[i]!]));
  return h(
    'section',
    { class: 'speaker-section topic-speakers' },
    h('h2', {}, `谁在谈（${v.speakerCount} 位发言人）`),
    v.speakers.length
      ? h(
          'ul',
          { class: 'share-list' },
          v.speakers.map((s) =>
            h(
              'li',
              {},
              h(
                'span',
                { class: 'share-who' },
                colorOf.has(s.name) ? swatch(colorOf.get(s.name)!) : null,
                h('a', { class: 'share-name', href: topicSearchUrl(v.name, '', s.name), title: `检索${s.name}谈“${v.name}”的段落` }, s.name),
                h('a', { class: 'muted share-profile', href: speakerUrl(s.name) }, '发言人页'),
              ),
              h('span', { class: 'share-count' }, `${s.count} 段 · ${(s.share * 100).toFixed(s.share < 0.1 ? 1 : 0)}%`),
              bar(s.share, colorOf.get(s.name)),
            ),
          ),
        )
      : null,
    v.unattributed ? h('p', { class: 'muted' }, `另有 ${v.unattributed} 段没有署名的发言人（导语、标题、说明等）。`) : null,
  );
}

/** The search box for this topic's passages: words among them, or (empty) all of them in the search. */
function searchInTopic(view: View, topic: string): HTMLElement {
  const input = h('input', { type: 'search', class: 'search-input', name: 'q', value: '', placeholder: '留空：全部段落', maxlength: 500, 'aria-label': `在“${topic}”的段落中检索` });
  const form = h(
    'form',
    { class: 'topic-search', role: 'search', action: '/', method: 'get' },
    input,
    h('input', { type: 'hidden', name: 'topic', value: topic }),
    h('button', { class: 'search-button', type: 'submit' }, '在此主题中检索'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    view.navigate(topicSearchUrl(topic, input.value.trim()));
  });
  return form;
}

export async function topicPage(view: View, name: string): Promise<void> {
  const v = await api.topic(name, 0, PASSAGE_PAGE);
  if (!view.current()) return;
  document.title = `${v.name} · 主题 · 话语`;
  // The chart is drawn at the width it gets (less its frame's padding), so its text stays legible on a phone.
  const style = getComputedStyle(view.root);
  const inner = view.root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const width = Math.max(280, Math.min(1100, inner - 34));
  const list = h('div', { class: 'hits' }, v.passages.map((p) => passageCard(p, v.name)));
  const more = moreButton(list, v.count, v.passages.length, '段', async (offset) => (await api.topic(name, offset, PASSAGE_PAGE)).passages.map((p) => passageCard(p, v.name)));
  fill(
    view.root,
    h(
      'div',
      { class: 'topic-page' },
      h(
        'header',
        { class: 'speaker-head' },
        h('p', { class: 'eyebrow' }, h('a', { href: '/topics' }, '主题')),
        h('h1', {}, v.name),
        h('p', { class: 'muted' }, `${v.count} 段 · ${v.documents} 场发布会 · ${v.speakerCount} 位发言人`),
        searchInTopic(view, v.name),
      ),
      h(
        'section',
        { class: 'speaker-section topic-timeline' },
        h('h2', {}, v.timeline.granularity === 'month' ? '每月提及' : '各场发布会提及'),
        topicChart(v.name, v.timeline, width),
      ),
      speakersSection(v),
      h('section', { class: 'speaker-section' }, h('h2', {}, `段落（${v.count}）`), list, more),
    ),
  );
}
