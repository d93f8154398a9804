// The search page's state is its URL (/?q=营商环境&speaker=张成琦&page=2), so a
// search can be shared and the back button steps through facets and pages.

export interface SearchState {
  q: string;
  speaker: string;
  topic: string;
  kind: string;
  page: number;
  /** Group results by speaker ("who said it") or by exchange (question → answers). */
  group: '' | 'speaker' | 'exchange';
  /** Every word as text: no names taken for speakers (plain=1). */
  plain: boolean;
}

export const PAGE_SIZE = 10;
/** Grouping shows one page this large: the API's maximum. */
export const GROUP_LIMIT = 100;

export function readState(search: string): SearchState {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page'));
  return {
    q: (p.get('q') ?? '').trim(),
    speaker: p.get('speaker') ?? '',
    topic: p.get('topic') ?? '',
    kind: p.get('kind') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    group: p.get('group') === 'speaker' || p.get('group') === 'exchange' ? (p.get('group') as 'speaker' | 'exchange') : '',
    plain: p.get('plain') === '1',
  };
}

export function stateUrl(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.speaker) p.set('speaker', s.speaker);
  if (s.topic) p.set('topic', s.topic);
  if (s.kind) p.set('kind', s.kind);
  if (s.group) p.set('group', s.group);
  if (s.plain) p.set('plain', '1');
  if (s.page > 1 && !s.group) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `/?${q}` : '/';
}

/** A change of query or filter starts again at page 1. */
export function withChange(s: SearchState, change: Partial<SearchState>): SearchState {
  return { ...s, page: 1, ...change };
}
