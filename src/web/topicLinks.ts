// Topic names as links to their page (/topics/<name>), and the search
// filtered by a topic (and a speaker), with words or without.

import { h } from './dom.js';
import { stateUrl } from './searchState.js';

export function topicUrl(name: string): string {
  return `/topics/${encodeURIComponent(name)}`;
}

/** The search among a topic's passages: for `q`, or all of them; by `speaker`, or by anyone. */
export function topicSearchUrl(topic: string, q: string, speaker = ''): string {
  return stateUrl({ q, topic, speaker, kind: '', page: 1, group: '', plain: false });
}

/** A passage's first few topics as links, or nothing. */
export function topicLinks(topics: readonly string[], max = 3, leaveOut = ''): HTMLElement | null {
  const shown = topics.filter((t) => t !== leaveOut).slice(0, max);
  if (shown.length === 0) return null;
  return h('span', { class: 'topic-links' }, '主题 ', shown.map((t) => h('a', { class: 'topic-link', href: topicUrl(t) }, t)));
}

/** The topics most passages of a document carry, as chips, or nothing. */
export function documentTopics(passages: ReadonlyArray<{ topics: readonly string[] }>, max = 12): HTMLElement | null {
  const counts = new Map<string, number>();
  for (const p of passages) for (const t of p.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max);
  if (top.length === 0) return null;
  return h(
    'div',
    { class: 'doc-topics' },
    h('h2', {}, '主题'),
    h('ul', {}, top.map(([t, n]) => h('li', {}, h('a', { class: 'chip', href: topicUrl(t), title: `本场 ${n} 段` }, t)))),
  );
}
