// The search page: the box, results with facets and paging, or the results
// grouped by speaker ("who said it"). Everything it shows follows from the URL.

import { api, ApiError, type FiguresResponse, type Hit, type SearchResponse } from './api.js';
import { h, fill } from './dom.js';
import { resultsExport } from './exportLinks.js';
import { activeFilters, facetsPanel, kindSwitch } from './facets.js';
import { figuresPanel } from './figuresPanel.js';
import { hitCard } from './hitCard.js';
import { homeView } from './homeView.js';
import { documentUrl, speakerLine } from './labels.js';
import type { View } from './main.js';
import { GROUP_LIMIT, PAGE_SIZE, readState, stateUrl, withChange, type SearchState } from './searchState.js';

function pager(state: SearchState, total: number): HTMLElement | null {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const link = (page: number, label: string, rel: string) =>
    page >= 1 && page <= pages
      ? h('a', { class: 'pager-link', href: stateUrl({ ...state, page }), rel }, label)
      : h('span', { class: 'pager-link disabled', 'aria-disabled': 'true' }, label);
  return h(
    'nav',
    { class: 'pager', 'aria-label': '翻页' },
    link(state.page - 1, '‹ 上一页', 'prev'),
    h('span', { class: 'pager-status' }, `第 ${state.page} / ${pages} 页`),
    link(state.page + 1, '下一页 ›', 'next'),
  );
}

/** "Who said it": the hits under their speakers, speakers with most hits first. */
function groupedBySpeaker(hits: Hit[], q: string): HTMLElement {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    const key = hit.speaker?.name ?? '';
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  return h(
    'div',
    { class: 'groups' },
    ordered.map((list) =>
      h(
        'section',
        { class: 'group' },
        h('h2', { class: 'group-head' }, speakerLine(list[0]!.speaker), h('span', { class: 'group-count' }, `${list.length} 段`)),
        list.map((hit) => hitCard(hit, q, { showSpeaker: false })),
      ),
    ),
  );
}

/** "One exchange at a time": the hits under the question they belong to, in the order of their best hit. */
function groupedByExchange(hits: Hit[], q: string): HTMLElement {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    const key = hit.exchange?.question ?? hit.id;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return h(
    'div',
    { class: 'groups exchange-groups' },
    [...groups.entries()].map(([question, list]) => {
      const ex = list[0]!.exchange;
      const [docId, anchor] = question.split(':');
      const head = ex
        ? h(
            'h2',
            { class: 'group-head' },
            h('a', { href: documentUrl(docId!, anchor, q) }, `${ex.outlet || '记者'}提问`),
            ex.answeredBy ? ` → ${ex.answeredBy.name}回答` : '',
            h('span', { class: 'group-count' }, `${list.length} 段`),
          )
        : h('h2', { class: 'group-head' }, '问答之外', h('span', { class: 'group-count' }, `${list.length} 段`));
      return h('section', { class: 'group' }, head, list.map((hit) => hitCard(hit, q)));
    }),
  );
}

function groupToggle(view: View, state: SearchState): HTMLElement {
  const input = h('input', { type: 'checkbox', id: 'group-toggle', checked: state.group === 'speaker', role: 'switch' });
  input.addEventListener('change', () => view.navigate(stateUrl(withChange(state, { group: input.checked ? 'speaker' : '' }))));
  return h('label', { class: 'toggle', for: 'group-toggle' }, input, h('span', { class: 'toggle-track', 'aria-hidden': 'true' }), '按发言人分组');
}

/** Group by exchange: a link that switches the grouping on or off (a question with its answers, together). */
function exchangeSwitch(state: SearchState): HTMLElement {
  const on = state.group === 'exchange';
  return h('a', { class: `group-switch${on ? ' on' : ''}`, href: stateUrl(withChange(state, { group: on ? '' : 'exchange' })), 'aria-pressed': String(on) }, on ? '取消问答分组' : '按问答分组');
}

/** What the query was read as, and one click to search it as plain text instead. */
function understoodLine(res: SearchResponse, state: SearchState): HTMLElement | null {
  const u = res.understood;
  const parts: Array<HTMLElement | string> = [];
  const item = (label: string, values: string[], cls: string) => (values.length ? parts.push(h('span', { class: `understood-item ${cls}` }, `${label} `, values.map((v) => h('strong', {}, v)))) : 0);
  if (state.plain) {
    const back = h('a', { class: 'understood-switch', href: stateUrl(withChange(state, { plain: false })) }, '识别发言人');
    return h('p', { class: 'understood' }, '按原文检索每个词 · ', back);
  }
  if (!u.speakers.length && !u.outlets.length && !u.dropped.length && !Object.keys(u.synonyms).length && !res.matching.relaxed.length) return null;
  item('发言人', u.speakers, 'who');
  item('提问媒体', u.outlets, 'who');
  item('检索词', [...u.words, ...u.phrases], 'words');
  item('未检索', u.dropped, 'dropped');
  const syn = Object.entries(u.synonyms).map(([w, forms]) => `${w}（${forms.join('、')}）`);
  item('同时检索', syn, 'synonyms');
  item('已放宽', res.matching.relaxed, 'relaxed');
  const names = [...u.speakers, ...u.outlets];
  const plain = names.length
    ? h('a', { class: 'understood-switch', href: stateUrl(withChange(state, { plain: true })) }, `把“${names.join('、')}”当作文字检索`)
    : null;
  return h('p', { class: 'understood', 'aria-label': '检索理解为' }, '理解为：', ...parts, plain ? ' · ' : '', plain);
}

function summary(res: SearchResponse, state: SearchState): HTMLElement {
  // Filters without words: the filter bar below says which.
  if (!state.q) return h('p', { class: 'summary' }, res.total === 0 ? '没有符合筛选条件的段落。' : `共 ${res.total} 段符合筛选条件 · 用时 ${res.took_ms} 毫秒`);
  if (res.total === 0) return h('p', { class: 'summary' }, '没有找到与“', h('strong', {}, state.q), '”相关的段落。');
  return h('p', { class: 'summary' }, `共 ${res.total} 段与“`, h('strong', {}, state.q), `”相关 · 用时 ${res.took_ms} 毫秒`);
}

function noResults(state: SearchState): HTMLElement {
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, state.speaker || state.topic || state.kind ? '可以取消筛选，或换个说法再试。' : '可以减少关键词、换个说法，或检查是否有错别字。'),
    h('p', {}, '想确认一句话是否原话？', h('a', { href: `/quote?text=${encodeURIComponent(state.q)}` }, '去核对引语')),
  );
}

export async function searchPage(view: View, box: HTMLInputElement): Promise<void> {
  const state = readState(location.search);
  box.value = state.q;
  const filtered = Boolean(state.speaker || state.topic || state.kind);
  if (!state.q && !filtered) {
    document.title = '话语 · 发布会实录检索';
    const home = await homeView();
    if (view.current()) fill(view.root, home);
    return;
  }
  document.title = `${state.q || [state.topic, state.speaker].filter(Boolean).join(' · ')} · 话语`;
  const limit = state.group ? GROUP_LIMIT : PAGE_SIZE;
  const figures = state.q ? api.figures(state.q.slice(0, 100)).catch((): FiguresResponse | null => null) : Promise.resolve(null);
  let res: SearchResponse;
  const asked = { q: state.q, speaker: state.speaker, topic: state.topic, kind: state.kind, limit, offset: state.group ? 0 : (state.page - 1) * PAGE_SIZE, plain: state.plain ? '1' : undefined };
  try {
    res = await api.search(asked);
  } catch (err) {
    if (!view.current()) return;
    const message = err instanceof ApiError && err.code === 'QUERY_TOO_LONG' ? '查询太长了（最多 500 字）。' : `检索失败：${(err as Error).message}`;
    fill(view.root, h('p', { class: 'error', role: 'alert' }, message));
    return;
  }
  const fig = await figures;
  if (!view.current()) return;
  const results =
    state.group === 'speaker'
      ? groupedBySpeaker(res.hits, state.q)
      : state.group === 'exchange'
        ? groupedByExchange(res.hits, state.q)
        : h('div', { class: 'hits' }, res.hits.map((hit) => hitCard(hit, state.q)));
  fill(
    view.root,
    h(
      'div',
      { class: 'search-page' },
      h(
        'div',
        { class: 'toolbar' },
        summary(res, state),
        res.total === 0 && !state.kind
          ? null
          : h('div', { class: 'toolbar-controls' }, kindSwitch(state), groupToggle(view, state), exchangeSwitch(state)),
      ),
      understoodLine(res, state),
      activeFilters(state),
      h(
        'div',
        { class: res.total === 0 ? 'results-layout no-facets' : 'results-layout' },
        res.total === 0 ? null : facetsPanel(res.facets, state),
        h(
          'div',
          { class: 'results' },
          fig && !state.speaker ? figuresPanel(fig) : null,
          res.total === 0 ? noResults(state) : results,
          state.group && res.total > GROUP_LIMIT ? h('p', { class: 'muted' }, `分组只显示前 ${GROUP_LIMIT} 段。`) : null,
          state.group ? null : pager(state, res.total),
          res.total === 0 ? null : resultsExport(asked, res.total),
        ),
      ),
    ),
  );
  const announcer = document.getElementById('announcer');
  if (announcer) announcer.textContent = `共 ${res.total} 条结果`;
}
