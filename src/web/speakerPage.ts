// A speaker's page /speakers/<name>: titles and organisations, the press
// conferences they spoke at, the questions they answered (and which outlets
// asked), and their statements in document order, more on request.

import { api, type Passage, type SpeakerView } from './api.js';
import { h, fill } from './dom.js';
import { moreButton } from './moreButton.js';
import { bodyOffset, documentUrl, exchangeNote, formatDate, kindBadge, modeBadge, ROLE_LABEL } from './labels.js';
import type { View } from './main.js';
import { topicLinks } from './topicLinks.js';

const PAGE = 20;

function statement(p: Passage): HTMLElement {
  const note = exchangeNote(p);
  return h(
    'article',
    { class: `hit kind-${p.kind}` },
    h('header', { class: 'hit-head' }, kindBadge(p.kind), modeBadge(p.mode), note ? h('span', { class: 'hit-exchange' }, note) : null),
    h('a', { class: 'hit-text', href: documentUrl(p.doc.id, p.anchor) }, Array.from(p.text).slice(bodyOffset(p)).join('')),
    h('footer', { class: 'hit-foot' }, h('a', { class: 'hit-doc', href: documentUrl(p.doc.id) }, p.doc.title), h('span', {}, formatDate(p.doc.date)), h('span', {}, `第${p.anchor.slice(1)}段`), topicLinks(p.topics)),
  );
}

function question(a: SpeakerView['answered'][number]): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: 'outlet' }, a.askedBy?.org || a.askedBy?.name || '记者'),
    h('a', { href: documentUrl(a.doc.id, a.question.slice(a.question.lastIndexOf(':') + 1)) }, a.text),
    h('span', { class: 'muted' }, formatDate(a.doc.date)),
  );
}

function answered(name: string, v: SpeakerView): HTMLElement | null {
  if (v.answeredTotal === 0) return null;
  const list = h('ul', { class: 'answered' }, v.answered.map(question));
  const more = moreButton(list, v.answeredTotal, v.answered.length, '个提问', async (offset) => (await api.speaker(name, offset, PAGE)).answered.map(question));
  return h('section', { class: 'speaker-section' }, h('h2', {}, `回答的提问（${v.answeredTotal}）`), list, more);
}

export async function speakerPage(view: View, name: string): Promise<void> {
  const v = await api.speaker(name, 0, PAGE);
  if (!view.current()) return;
  const s = v.speaker;
  document.title = `${s.name} · 话语`;
  const list = h('div', { class: 'hits' }, v.passages.map(statement));
  const more = moreButton(list, v.total, v.passages.length, '段', async (offset) => (await api.speaker(name, offset, PAGE)).passages.map(statement));
  const roles = s.titles.length || s.orgs.length ? s.orgs.map((org, i) => `${org} ${s.titles[i] ?? ''}`.trim()) : [];
  // A person whose title changed: each title with its dates, in order.
  const timeline = s.timeline?.map((t) => `${`${t.org} ${t.title}`.trim()}（${formatDate(t.from)}—${formatDate(t.to)}）`);
  fill(
    view.root,
    h(
      'div',
      { class: 'speaker-page' },
      h(
        'header',
        { class: 'speaker-head' },
        h('p', { class: 'eyebrow' }, ROLE_LABEL[s.role] ?? '发言人'),
        h('h1', {}, s.name),
        h('p', { class: 'speaker-titles' }, timeline ? timeline.join('；') : roles.length ? roles.join('；') : s.titles.join('、')),
        s.aliases?.length ? h('p', { class: 'muted speaker-aliases' }, `又写作：${s.aliases.join('、')}`) : null,
        h('p', { class: 'muted' }, `${s.passageCount} 段 · ${s.documents.length} 场发布会`, v.outlets.length ? ` · 回答过 ${v.outlets.map((o) => o.name).join('、')} 的提问` : ''),
      ),
      h(
        'section',
        { class: 'speaker-section' },
        h('h2', {}, `出席的发布会（${s.documents.length}）`),
        h('ul', { class: 'doc-list' }, s.documents.map((d) => h('li', {}, h('a', { href: documentUrl(d.id) }, d.title), h('span', { class: 'muted' }, formatDate(d.date))))),
      ),
      answered(name, v),
      h('section', { class: 'speaker-section' }, h('h2', {}, `发言（${v.total}）`), list, more),
    ),
  );
}
