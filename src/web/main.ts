// The client's entry: picks the page for the path, keeps in-app links from
// reloading the page (history.pushState, so the back button still works),
// and gives the keyboard its shortcut: `/` focuses the search box.

import { ApiError } from './api.js';
import { documentPage } from './documentPage.js';
import { h, fill } from './dom.js';
import { quotePage } from './quotePage.js';
import { searchPage } from './searchPage.js';
import { speakerPage } from './speakerPage.js';
import { topicPage, topicsPage } from './topicsPage.js';

export interface View {
  root: HTMLElement;
  /** False once the user has navigated elsewhere: a late response must not draw over the new page. */
  current: () => boolean;
  navigate: (url: string, replace?: boolean) => void;
}

const NOT_FOUND: Record<string, string> = {
  DOCUMENT_NOT_FOUND: '没有这篇实录。',
  SPEAKER_NOT_FOUND: '没有这位发言人。',
  TOPIC_NOT_FOUND: '没有这个主题。',
};

const root = document.getElementById('app')!;
const searchBox = document.getElementById('q') as HTMLInputElement;
let generation = 0;

function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void route(true);
}

async function route(moved = false): Promise<void> {
  const mine = ++generation;
  const view: View = { root, current: () => mine === generation, navigate };
  const path = location.pathname;
  const section = path === '/' ? 'search' : path === '/quote' ? 'quote' : /^\/topics(\/|$)/u.test(path) ? 'topics' : '';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    const active = a.dataset.nav === section;
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (path !== '/') searchBox.value = '';
  if (moved && !location.hash) window.scrollTo(0, 0);
  try {
    const doc = /^\/documents\/([^/]+)$/u.exec(path);
    const speaker = /^\/speakers\/([^/]+)$/u.exec(path);
    const topic = /^\/topics\/([^/]+)$/u.exec(path);
    if (path === '/') await searchPage(view, searchBox);
    else if (path === '/quote') await quotePage(view);
    else if (doc) await documentPage(view, decodeURIComponent(doc[1]!));
    else if (speaker) await speakerPage(view, decodeURIComponent(speaker[1]!));
    else if (path === '/topics') await topicsPage(view);
    else if (topic) await topicPage(view, decodeURIComponent(topic[1]!));
    else fill(root, h('p', { class: 'error' }, '找不到这个页面。'));
  } catch (err) {
    if (!view.current()) return;
    const code = err instanceof ApiError ? err.code : '';
    const message = NOT_FOUND[code] ?? `出错了：${(err as Error).message}`;
    fill(root, h('p', { class: 'error', role: 'alert' }, message), h('p', {}, h('a', { href: '/' }, '回到首页')));
  }
}

// In-app links: same origin, a page of ours, plain left click.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = (ev.target as Element).closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return;
  // A jump within the same page is left to the browser (anchors, hashchange).
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  ev.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

document.querySelector('.search-form')!.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = searchBox.value.trim();
  // A new query drops the filters of the old one but keeps the grouping the reader chose.
  const group = location.pathname === '/' ? new URLSearchParams(location.search).get('group') : null;
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (q && (group === 'speaker' || group === 'exchange')) p.set('group', group);
  navigate(q ? `/?${p.toString()}` : "/");
});

document.addEventListener('keydown', (ev) => {
  if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target as HTMLElement;
  if (t.closest('input, textarea, select, [contenteditable]')) return;
  ev.preventDefault();
  searchBox.focus();
  searchBox.select();
});

// Sticky bars below the sticky header need its height, which depends on the width.
const header = document.querySelector<HTMLElement>('.site-header')!;
const measureHeader = () => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
new ResizeObserver(measureHeader).observe(header);

window.addEventListener('popstate', () => void route());
void route();
