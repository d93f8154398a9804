// How people, kinds of passage and dates read on the page, in Chinese, and the
// small pieces every page shares (speaker line, badges, links).

import type { Kind, Mode, Passage, Speaker } from './api.js';
import { h, type Child } from './dom.js';

export const KIND_LABEL: Record<Kind, string> = {
  question: '问',
  answer: '答',
  statement: '发言',
  lead: '导语',
  heading: '标题',
  note: '说明',
};

export const KIND_TITLE: Record<Kind, string> = {
  question: '记者提问',
  answer: '回答',
  statement: '发言',
  lead: '报道导语',
  heading: '小标题',
  note: '现场说明',
};

export const ROLE_LABEL: Record<string, string> = {
  official: '发布人',
  reporter: '记者',
  host: '主持人',
  narrator: '报道记者',
};

export function kindBadge(kind: Kind): HTMLElement {
  return h('span', { class: `badge kind-${kind}`, title: KIND_TITLE[kind] }, KIND_LABEL[kind]);
}

/** 转述: the reporter's summary, not the speaker's own words. */
export function modeBadge(mode: Mode | null): HTMLElement | null {
  return mode === 'reported' ? h('span', { class: 'badge mode-reported', title: '记者转述，非原话' }, '转述') : null;
}

/** Title and organisation, leaving out what the name already says (中国甘肃网记者). */
export function speakerMeta(s: { name: string; title: string; org: string }): string {
  return [s.org, s.title].filter((x) => x && !s.name.includes(x)).join(' ');
}

export function speakerUrl(name: string): string {
  return `/speakers/${encodeURIComponent(name)}`;
}

export function documentUrl(id: string, anchor?: string, q?: string): string {
  return `/documents/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/** 2024-01-15 → 2024年1月15日 */
export function formatDate(date: string | null): string {
  if (!date) return '日期不详';
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Name (a link to the speaker page), title and organisation. */
export function speakerLine(s: Speaker | null, ...extra: Child[]): HTMLElement {
  if (!s) return h('span', { class: 'speaker' }, h('span', { class: 'speaker-name anonymous' }, '未署名'), ...extra);
  const meta = speakerMeta(s);
  return h(
    'span',
    { class: 'speaker' },
    h('a', { class: 'speaker-name', href: speakerUrl(s.name) }, s.name),
    meta ? h('span', { class: 'speaker-meta' }, meta) : null,
    ...extra,
  );
}

/** Who a question was put to, or whose question an answer answers. */
export function exchangeNote(p: Passage): string | null {
  const ex = p.exchange;
  if (!ex) return null;
  if (p.kind === 'question') return ex.answeredBy ? `${ex.answeredBy.name} 作答` : null;
  if (p.kind === 'answer') return ex.outlet ? `答${ex.outlet}记者问` : null;
  return null;
}

/** The spoken words of a passage, after its speaker label, as code-point offsets into `text`. */
export function bodyOffset(p: Passage): number {
  return Math.max(0, p.bodyStart - p.start);
}
