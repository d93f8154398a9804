// Facets (speakers, topics) with counts; each value is a link that adds or
// removes its filter, so facets work from the keyboard and in a new tab.

import type { Facet } from './api.js';
import { h } from './dom.js';
import { stateUrl, withChange, type SearchState } from './searchState.js';

type Field = 'speaker' | 'topic';

function facetList(title: string, field: Field, values: Facet[], state: SearchState, max: number): HTMLElement | null {
  const active = state[field];
  // The active value stays visible even when the API did not list it.
  const shown = values.slice(0, max);
  if (active && !shown.some((v) => v.name === active)) shown.unshift({ name: active, count: 0 });
  if (shown.length === 0) return null;
  return h(
    'section',
    { class: `facet facet-${field}`, 'aria-label': title },
    h('h2', { class: 'facet-title' }, title),
    h(
      'ul',
      {},
      shown.map((v) => {
        const on = v.name === active;
        return h(
          'li',
          {},
          h(
            'a',
            {
              class: on ? 'facet-value active' : 'facet-value',
              href: stateUrl(withChange(state, { [field]: on ? '' : v.name })),
              'aria-current': on ? 'true' : null,
              title: on ? '取消此筛选' : `只看“${v.name}”`,
            },
            h('span', { class: 'facet-name' }, v.name),
            v.count ? h('span', { class: 'facet-count' }, String(v.count)) : null,
          ),
        );
      }),
    ),
  );
}

export function facetsPanel(facets: { speakers: Facet[]; topics: Facet[] }, state: SearchState): HTMLElement {
  return h(
    'aside',
    { class: 'facets', 'aria-label': '筛选' },
    facetList('发言人', 'speaker', facets.speakers, state, 20),
    facetList('主题', 'topic', facets.topics, state, 12),
  );
}

const FILTER_LABEL: Record<'speaker' | 'topic' | 'kind', string> = { speaker: '发言人', topic: '主题', kind: '类型' };
const KIND_NAMES: Record<string, string> = { question: '提问', answer: '回答', statement: '发言', lead: '导语', heading: '标题', note: '说明' };

/** The filters in force, each with a link that removes it. */
export function activeFilters(state: SearchState): HTMLElement | null {
  const fields = (['speaker', 'topic', 'kind'] as const).filter((f) => state[f]);
  if (fields.length === 0) return null;
  return h(
    'div',
    { class: 'active-filters' },
    fields.map((f) =>
      h(
        'a',
        { class: 'chip', href: stateUrl(withChange(state, { [f]: '' })), title: '取消此筛选' },
        `${FILTER_LABEL[f]}：${f === 'kind' ? (KIND_NAMES[state.kind] ?? state.kind) : state[f]}`,
        h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'),
      ),
    ),
  );
}

const KIND_CHOICES: Array<[string, string]> = [['', '全部'], ['answer', '回答'], ['question', '提问'], ['statement', '发言']];

/** 全部 / 回答 / 提问 / 发言: the kinds a reader filters by most. */
export function kindSwitch(state: SearchState): HTMLElement {
  return h(
    'nav',
    { class: 'kind-switch', 'aria-label': '按类型筛选' },
    KIND_CHOICES.map(([kind, label]) =>
      h('a', { href: stateUrl(withChange(state, { kind })), class: state.kind === kind ? 'active' : null, 'aria-current': state.kind === kind ? 'true' : null }, label),
    ),
  );
}
