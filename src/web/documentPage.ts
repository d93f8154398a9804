// The transcript view /documents/<id>#p<n>: the whole transcript, the target
// passage scrolled to and highlighted, and the search terms marked when the
// reader came from a result (?q=).

import { api, type Passage, type Span } from './api.js';
import { h, fill } from './dom.js';
import { documentUrl, formatDate, speakerUrl } from './labels.js';
import type { View } from './main.js';
import { documentTopics } from './topicLinks.js';
import { transcriptBody } from './transcript.js';

/** Every mark of `q` in one document, from the search API (which knows how terms segment). */
async function marksIn(docId: string, q: string): Promise<Map<string, Span[]>> {
  const byPassage = new Map<string, Span[]>();
  for (let offset = 0; offset < 1000; offset += 100) {
    const res = await api.search({ q, doc: docId, limit: 100, offset });
    for (const hit of res.hits) byPassage.set(hit.id, hit.marks);
    if (offset + 100 >= res.total) break;
  }
  return byPassage;
}

/** `#p24`, also when Chrome left a text fragment (`#p24:~:text=…`) in the hash. */
function targetAnchor(): string {
  return decodeURIComponent(location.hash.slice(1)).split(':~:')[0] ?? '';
}

function showTarget(root: HTMLElement, scroll: boolean): void {
  for (const el of root.querySelectorAll('.target')) el.classList.remove('target');
  const anchor = targetAnchor();
  const el = anchor ? document.getElementById(anchor) : null;
  if (!el || !root.contains(el)) return;
  el.classList.add('target');
  if (scroll) el.scrollIntoView({ block: 'center' });
}

function markNavigator(root: HTMLElement, q: string, count: number, docId: string): HTMLElement {
  let at = -1;
  const next = h('button', { type: 'button', class: 'small' }, '下一处 ↓');
  next.addEventListener('click', () => {
    const marks = root.querySelectorAll('.transcript mark');
    if (marks.length === 0) return;
    at = (at + 1) % marks.length;
    for (const m of marks) m.classList.remove('current');
    marks[at]!.classList.add('current');
    marks[at]!.scrollIntoView({ block: 'center' });
  });
  return h(
    'div',
    { class: 'term-bar', role: 'status' },
    h('span', {}, '高亮：“', h('strong', {}, q), `” · ${count} 段`),
    count ? next : null,
    h('a', { href: documentUrl(docId, targetAnchor() || undefined) }, '清除高亮'),
  );
}

export async function documentPage(view: View, id: string): Promise<void> {
  const q = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  const [{ document: doc }, marks] = await Promise.all([api.document(id), q ? marksIn(id, q).catch(() => new Map<string, Span[]>()) : new Map<string, Span[]>()]);
  if (!view.current()) return;
  document.title = `${doc.title} · 话语`;
  const people = doc.participants.map((p) => h('li', {}, h('a', { href: speakerUrl(p.name) }, p.name), h('span', { class: 'muted' }, p.designation || `${p.org}${p.title}`)));
  fill(
    view.root,
    h(
      'article',
      { class: 'document-page' },
      h(
        'header',
        { class: 'document-head' },
        h('p', { class: 'eyebrow' }, '发布会实录'),
        h('h1', {}, doc.title),
        h(
          'p',
          { class: 'document-meta' },
          [formatDate(doc.date), doc.source, doc.reporter ? `记者 ${doc.reporter}` : '', doc.editor ? `编辑 ${doc.editor}` : '', `${doc.passageCount} 段`].filter(Boolean).join(' · '),
        ),
        people.length ? h('div', { class: 'participants' }, h('h2', {}, '出席'), h('ul', {}, people)) : null,
        documentTopics(doc.passages),
      ),
      q ? markNavigator(view.root, q, marks.size, id) : null,
      transcriptBody(doc.passages, (p: Passage) => marks.get(p.id) ?? []),
    ),
  );
  showTarget(view.root, true);
  const onHash = () => (view.current() ? showTarget(view.root, false) : window.removeEventListener('hashchange', onHash));
  window.addEventListener('hashchange', onHash);
}
