// What the search page shows before a query: what the tool is for, queries to
// try, and the transcripts and speakers it holds.

import { api } from './api.js';
import { h } from './dom.js';
import { documentUrl, formatDate, ROLE_LABEL, speakerMeta, speakerUrl } from './labels.js';

const EXAMPLES = ['营商环境', '夜间经济', '减税降费', '"优化营商环境"', '招商引资'];

export async function homeView(): Promise<HTMLElement> {
  const [{ documents }, { speakers }] = await Promise.all([api.documents(), api.speakers()]);
  const people = speakers.filter((s) => s.role !== 'narrator');
  return h(
    'div',
    { class: 'home' },
    h(
      'section',
      { class: 'intro' },
      h('h1', {}, '谁在发布会上说了什么'),
      h('p', {}, '检索新闻发布会实录：找到讨论某个话题的段落，看清是谁、以什么身份说的，核对引语是否与原话一致，并一键复制规范引文。'),
      h('p', { class: 'examples' }, '试试：', EXAMPLES.map((q) => h('a', { class: 'chip', href: `/?q=${encodeURIComponent(q)}` }, q))),
      h('p', { class: 'examples' }, h('a', { class: 'button-link', href: '/quote' }, '核对一句引语 →')),
    ),
    h(
      'div',
      { class: 'home-columns' },
      h(
        'section',
        { class: 'home-list' },
        h('h2', {}, `发布会实录（${documents.length}）`),
        h(
          'ul',
          {},
          documents.map((d) =>
            h('li', {}, h('a', { href: documentUrl(d.id) }, d.title), h('span', { class: 'muted' }, `${formatDate(d.date)} · ${d.source} · ${d.passageCount} 段`)),
          ),
        ),
      ),
      h(
        'section',
        { class: 'home-list' },
        h('h2', {}, `发言人（${people.length}）`),
        h(
          'ul',
          {},
          people.map((s) =>
            h(
              'li',
              {},
              h('a', { href: speakerUrl(s.name) }, s.name),
              h('span', { class: 'muted' }, [speakerMeta({ name: s.name, title: s.titles.join('、'), org: s.orgs.join('、') }), ROLE_LABEL[s.role], `${s.passages} 段`].filter(Boolean).join(' · ')),
            ),
          ),
        ),
      ),
    ),
  );
}
