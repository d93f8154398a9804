// A fixed set of queries and quotes over seed + MFA fixtures, covering every
// query class: words, several parts, names, phrases, filters, figures, paging.

import type { SearchRequest } from '../../src/search/search.js';

export const QUERIES: SearchRequest[] = [
  { q: '营商环境' }, { q: '營商環境' }, { q: '招商' }, { q: '台湾' }, { q: '中方' }, { q: '发展' }, { q: '合作' },
  { q: '中方 美方' }, { q: '营商环境 张掖' }, { q: '日本 核污染水' }, { q: '国际社会 和平' },
  { q: '林剑' }, { q: '刘力江' }, { q: '安哥拉' }, { q: '疫苗' }, { q: '新冠' },
  { q: '"优化营商环境"' }, { q: '"中方坚决反对"' }, { q: '“一个中国原则”' }, { q: '"数字不会骗人"' },
  { q: '美国', speaker: '华春莹' }, { q: '问题', speaker: '赵立坚' }, { q: '营商环境', speaker: '张成琦' }, { q: '美方', speaker: '汪文斌' },
  { q: '中国', topic: '台湾' }, { q: '项目', topic: '牵紧重大项目牛鼻子' },
  { q: '中方', kind: 'question' }, { q: '合作', from: '2021-01-01', to: '2021-12-31' },
  { q: '49.58%' }, { q: '327.35亿元' }, { q: 'cgtn' }, { q: '税' },
  { q: '中方', limit: 5, offset: 10 }, { q: '发展', limit: 100 },
];

export const QUOTES = [
  '大力发展夜间经济,开设张掖老街等各类夜市摊位2000余个',
  '大力發展夜間經濟，開設張掖老街等各類夜市攤位2000余個',
  '开设张掖老街等各类夜市摊位3000余个',
  '大力发展夜间经济累计协调解决问题2971项',
  '同比增加12项、增长60%。在重大项目落地带动下',
  '落实减税降费超10.2亿元',
  '我无意评判美方抗疫，但我记得福奇博士曾说过，数字不会骗人',
  '这是一段在任何记者会上都没有说过的话',
];

