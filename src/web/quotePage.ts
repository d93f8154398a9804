// Quote check: paste a quote, see whether it was said in those words, by whom,
// the verbatim source with the differences marked, and citations to copy.

import { api, type QuoteMatch, type QuoteResponse } from './api.js';
import { copyButton } from './clipboard.js';
import { h, fill } from './dom.js';
import { quoteExport } from './exportLinks.js';
import { documentUrl, formatDate, kindBadge, modeBadge, speakerLine } from './labels.js';
import type { View } from './main.js';

const EXAMPLE = '开设张掖老街等各类夜市摊位3000余个';

function verdict(res: QuoteResponse): HTMLElement {
  if (res.found) {
    return h(
      'div',
      { class: 'verdict found', role: 'status' },
      h('strong', {}, '✓ 找到原话'),
      h('span', {}, res.exact ? '与原文逐字一致。' : '文字与原文一致（标点、全半角或繁简写法有差别，引用时请以原文为准）。'),
    );
  }
  return h(
    'div',
    { class: 'verdict not-found', role: 'status' },
    h('strong', {}, '✗ 未找到这句原话'),
    h('span', {}, res.matches.length ? '下面是最接近的原文，与你的引文不同之处已标出。' : '实录中也没有相近的说法。'),
  );
}

/** The source and the quote, each with its differing characters marked. */
function diffView(m: QuoteMatch): HTMLElement {
  const source = h('p', { class: 'diff-line diff-source' }, h('span', { class: 'diff-label' }, '原文'));
  const quote = h('p', { class: 'diff-line diff-quote' }, h('span', { class: 'diff-label' }, '你的引文'));
  for (const part of m.diff) {
    if (part.op === 'equal') {
      source.append(part.text);
      quote.append(part.text);
    } else if (part.op === 'delete') source.append(h('mark', { class: 'diff-del' }, part.text));
    else quote.append(h('mark', { class: 'diff-ins' }, part.text));
  }
  const legend = h('p', { class: 'diff-legend' }, h('mark', { class: 'diff-del' }, '绿色'), ' 为原文的写法；', h('mark', { class: 'diff-ins' }, '红色'), ' 为你的引文与原文不同之处');
  return h('div', { class: 'diff' }, source, quote, legend);
}

/** The permalink as a reader reads it: Chinese characters rather than percent escapes. */
function readable(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function citations(m: QuoteMatch, text: string, index: number): HTMLElement {
  const permalink = new URL(m.url, location.origin).href;
  const row = (label: string, text: string) =>
    h('div', { class: 'citation' }, h('div', { class: 'citation-label' }, label), h('p', { class: 'citation-text' }, text), copyButton(`复制${label}`, () => text));
  return h(
    'section',
    { class: 'citations', 'aria-label': '引文' },
    h('h3', {}, m.similarity < 1 ? '按原文引用' : '引用'),
    row('GB/T 7714', m.citation.gbt7714),
    row('APA', m.citation.apa),
    row('纯文本', m.citation.text),
    h('div', { class: 'citation' }, h('div', { class: 'citation-label' }, '链接'), h('a', { class: 'citation-text permalink', href: m.url }, readable(permalink)), copyButton('复制链接', () => permalink)),
    quoteExport(text, index + 1),
  );
}

function matchCard(m: QuoteMatch, text: string, index: number): HTMLElement {
  const anchor = m.passages[0]?.slice(m.passages[0].lastIndexOf(':') + 1);
  return h(
    'article',
    { class: 'quote-match' },
    h('header', { class: 'hit-head' }, kindBadge(m.kind), modeBadge(m.mode), speakerLine(m.speaker)),
    m.mode === 'reported' ? h('p', { class: 'warning' }, '这是报道记者的转述，不是发言人的原话：引用时宜写“据报道……介绍”，不加引号。') : null,
    m.similarity < 1 ? diffView(m) : h('blockquote', { class: 'source-quote' }, m.quote),
    h(
      'p',
      { class: 'hit-foot' },
      h('a', { class: 'hit-doc', href: documentUrl(m.doc.id, anchor) }, m.doc.title),
      h('span', {}, formatDate(m.doc.date)),
      m.similarity < 1 ? h('span', {}, `相似度 ${(m.similarity * 100).toFixed(1)}%`) : null,
      h('a', { href: m.url }, '在原文中查看 →'),
    ),
    citations(m, text, index),
  );
}

export async function quotePage(view: View): Promise<void> {
  const text = new URLSearchParams(location.search).get('text') ?? '';
  document.title = '核对引语 · 话语';
  const area = h('textarea', { id: 'quote-text', name: 'text', rows: 3, maxlength: 2000, placeholder: `把要核对的引语粘贴到这里，例如：${EXAMPLE}`, required: true });
  area.value = text;
  const out = h('div', { class: 'quote-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'quote-form' },
    h('label', { for: 'quote-text', class: 'quote-label' }, '引语'),
    area,
    h('div', { class: 'quote-actions' }, h('button', { type: 'submit', class: 'primary' }, '核对'), h('span', { class: 'muted' }, '忽略标点、空格、全半角和繁简差异；找不到时给出最接近的原文。')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = area.value.trim();
    if (t) view.navigate(`/quote?text=${encodeURIComponent(t)}`);
  });
  // Ctrl/Cmd+Enter submits from the text area.
  area.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) form.requestSubmit();
  });
  fill(view.root, h('div', { class: 'quote-page' }, h('h1', {}, '核对引语'), h('p', { class: 'lead' }, '这句话有没有说过？是谁说的？原话是怎样的？'), form, out));
  if (!text.trim()) {
    fill(out, h('p', { class: 'muted' }, '示例：', h('a', { href: `/quote?text=${encodeURIComponent(EXAMPLE)}` }, EXAMPLE)));
    area.focus();
    return;
  }
  fill(out, h('p', { class: 'loading' }, '正在核对…'));
  try {
    const res = await api.quote(text);
    if (view.current()) fill(out, verdict(res), res.matches.map((m, i) => matchCard(m, text, i)));
  } catch (err) {
    if (view.current()) fill(out, h('p', { class: 'error', role: 'alert' }, `核对失败：${(err as Error).message}`));
  }
}
