// npm run bench:relevance — does the right passage come first? Queries of the
// kinds journalists type, over the seed and ../shared/corpus-real, with
// relevance judged from the transcripts' structure (who answered which
// exchange, which exchange's text holds which subject), never from any
// engine's answers. Prints success@10, nDCG@10 and the zero-result rate per
// kind, beside plain BM25 with OR (MiniSearch, same analyzer) over the same passages.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { matchForm } from '../src/analysis/normalize.js';
import { analyze, indexTokens } from '../src/analysis/tokenize.js';
import { buildIndex } from '../src/index/embedded/build.js';
import type { Engine, IndexedPassage } from '../src/index/engine.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { search } from '../src/search/search.js';
import { pick, random } from './random.js';
import { bodyOf } from './queries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared/corpus-real');

/** Subjects journalists ask spokespeople about; each query kind draws from those the corpus discusses. */
const SUBJECTS = [
  '台湾', '南海', '新疆', '西藏', '香港', '日本', '美国', '俄罗斯', '乌克兰', '菲律宾', '朝鲜', '韩国', '印度', '欧盟', '英国', '法国', '德国',
  '澳大利亚', '加拿大', '巴基斯坦', '阿富汗', '伊朗', '以色列', '巴勒斯坦', '缅甸', '东盟', '非洲', '中东', '芯片', '关税', '制裁', '疫苗',
  '疫情', '核污染水', '人权', '气候变化', '一带一路', '联合国', '世卫组织', '北约', '奥运', '反恐', '网络安全', '军售', '领土', '主权',
];

type Kind = 'person+subject' | 'question' | 'two subjects' | 'single word';
interface Judged {
  kind: Kind;
  q: string;
  relevant: Set<number>;
}

function norm(s: string): string {
  return matchForm(s);
}

/** The exchanges of every document: gids of question and answers, the answerer, the text. */
function exchanges(engine: Engine) {
  const out: Array<{ gids: number[]; answeredBy: string | null; text: string; passages: string[] }> = [];
  const byDocEx = new Map<string, number[]>();
  for (const p of engine.passages) {
    if (p.exchange === null) continue;
    const key = `${p.doc}:${p.exchange}`;
    (byDocEx.get(key) ?? byDocEx.set(key, []).get(key)!).push(p.gid);
  }
  for (const [key, gids] of byDocEx) {
    const [doc, ex] = key.split(':').map(Number) as [number, number];
    const passages = gids.map((g) => norm(bodyOf(engine, engine.passages.at(g)!)));
    out.push({ gids, answeredBy: engine.catalog.exchanges(doc)[ex]!.answeredBy, text: passages.join(''), passages });
  }
  return out;
}

/** The gid of a hit's id (`doc:pN`). */
function gidOfHit(engine: Engine, id: string): number {
  const at = id.lastIndexOf(':p');
  return engine.firstOf[engine.docById.get(id.slice(0, at))!]! + Number(id.slice(at + 2)) - 1;
}

function judge(engine: Engine, seed = 11): Judged[] {
  const rand = random(seed);
  const exs = exchanges(engine);
  const spoken = (p: IndexedPassage) => p.kind === 'answer' || p.kind === 'statement';
  // Spokespeople by name (an office such as 外交部发言人 answering unnamed is no person to ask about).
  const officials = [...engine.speakers.values()].filter((s) => s.role === 'official' && s.passages >= 20 && /^[\u4e00-\u9fff]{2,3}$/u.test(s.name)).map((s) => s.name);
  // Person + subject: the person's answers in exchanges that discuss the subject, and their statements that mention it.
  const relevantTo = (who: string, w: string) => {
    const rel = new Set<number>();
    for (const e of exs) {
      if (!e.text.includes(w)) continue;
      for (const g of e.gids) if (engine.passages.at(g)!.speaker?.name === who && spoken(engine.passages.at(g)!)) rel.add(g);
    }
    for (const p of engine.passages) if (p.exchange === null && p.speaker?.name === who && spoken(p) && norm(bodyOf(engine, p)).includes(w)) rel.add(p.gid);
    return rel;
  };
  const pairs: Array<[string, string]> = [];
  for (const who of officials) for (const w of SUBJECTS) if (relevantTo(who, w).size >= 2) pairs.push([who, w]);
  const out: Judged[] = [];
  const seen = new Set<string>();
  const draw = <T>(items: T[], n: number, make: (x: T) => Judged | null) => {
    let drawn = 0;
    for (let tries = 0; tries < n * 20 && drawn < n && items.length; tries++) {
      const j = make(pick(rand, items));
      if (j && j.relevant.size && !seen.has(j.q)) {
        seen.add(j.q);
        out.push(j);
        drawn++;
      }
    }
  };
  draw(pairs, 80, ([who, w]) => ({ kind: 'person+subject', q: rand() < 0.5 ? `${who} ${w}` : `${w} ${who}`, relevant: relevantTo(who, w) }));
  const templates = [(s: string, w: string) => `${s}谈${w}`, (s: string, w: string) => `${s}如何回应${w}问题`, (s: string, w: string) => `${w} ${s}怎么说`, (s: string, w: string) => `${s}对${w}的表态`, (s: string, w: string) => `${s}关于${w}的看法`, (s: string, w: string) => `${s}有没有说过${w}？`];
  draw(pairs, 40, ([who, w]) => ({ kind: 'question', q: pick(rand, templates)(who, w), relevant: relevantTo(who, w) }));
  // Two subjects one exchange discusses, never both in one of its passages: the passages of every exchange holding both.
  const spread: Array<[string, string]> = [];
  for (const e of exs) {
    const present = SUBJECTS.filter((w) => e.text.includes(w));
    for (const a of present) for (const b of present) if (a < b && !e.passages.some((p) => p.includes(a) && p.includes(b))) spread.push([a, b]);
  }
  draw(spread, 60, ([a, b]) => {
    const rel = new Set<number>();
    for (const e of exs) if (e.text.includes(a) && e.text.includes(b)) for (const g of e.gids) rel.add(g);
    for (const p of engine.passages) if (norm(bodyOf(engine, p)).includes(a) && norm(bodyOf(engine, p)).includes(b)) rel.add(p.gid);
    return { kind: 'two subjects', q: `${a} ${b}`, relevant: rel };
  });
  // One word: every passage that holds it.
  const all = Array.from(engine.passages);
  const words = SUBJECTS.filter((w) => all.some((p) => norm(bodyOf(engine, p)).includes(w)));
  draw(words, 40, (w) => ({ kind: 'single word', q: w, relevant: new Set(all.filter((p) => norm(bodyOf(engine, p)).includes(w)).map((p) => p.gid)) }));
  return out;
}

function metrics(ranked: number[], relevant: Set<number>) {
  const top = ranked.slice(0, 10);
  const dcg = top.reduce((s, g, i) => s + (relevant.has(g) ? 1 / Math.log2(i + 2) : 0), 0);
  let idcg = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return { success: top.some((g) => relevant.has(g)) ? 1 : 0, ndcg: idcg ? dcg / idcg : 0, zero: ranked.length === 0 ? 1 : 0 };
}

function baseline(engine: Engine) {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: indexTokens,
    processTerm: (t) => t,
    searchOptions: { combineWith: 'OR', tokenize: (q) => analyze(q).map((t) => t.term) },
  });
  for (const p of engine.passages) ms.add({ id: p.gid, text: bodyOf(engine, p) });
  return (q: string) => ms.search(q).map((r) => r.id as number);
}

async function main(): Promise<void> {
  const files = [...readCorpus(path.join(ROOT, 'corpus')), ...readCorpus(SHARED).map((f) => ({ ...f, id: `real.${f.id}`, path: `real/${f.path}` }))];
  const engine = await buildIndex(files);
  const judged = judge(engine);
  const bm25 = baseline(engine);
  const kinds: Kind[] = ['person+subject', 'question', 'two subjects', 'single word'];
  const rows: Array<Record<string, string | number>> = [];
  for (const kind of kinds) {
    const js = judged.filter((j) => j.kind === kind);
    const sum = { huayu: { success: 0, ndcg: 0, zero: 0 }, bm25: { success: 0, ndcg: 0, zero: 0 } };
    for (const j of js) {
      const res = await search(engine, { q: j.q, limit: 10 });
      const mine = metrics(res.hits.map((h) => gidOfHit(engine, h.id)), j.relevant);
      const theirs = metrics(bm25(j.q), j.relevant);
      if (process.env.RELEVANCE_DEBUG && (!mine.success || mine.zero)) console.error(`miss: ${kind} ${j.q} (relevant ${j.relevant.size}) understood ${JSON.stringify(res.understood)} matching ${JSON.stringify(res.matching)} top ${res.hits.slice(0, 3).map((h) => `${h.speaker?.name}/${h.kind}/${h.match}`).join(', ')}`);
      for (const k of ['success', 'ndcg', 'zero'] as const) {
        sum.huayu[k] += mine[k];
        sum.bm25[k] += theirs[k];
      }
    }
    const n = js.length || 1;
    rows.push({
      kind,
      queries: js.length,
      'huayu success@10': (sum.huayu.success / n).toFixed(2),
      'huayu nDCG@10': (sum.huayu.ndcg / n).toFixed(2),
      'huayu zero results': `${((100 * sum.huayu.zero) / n).toFixed(0)}%`,
      'BM25 OR success@10': (sum.bm25.success / n).toFixed(2),
      'BM25 OR nDCG@10': (sum.bm25.ndcg / n).toFixed(2),
      'BM25 OR zero results': `${((100 * sum.bm25.zero) / n).toFixed(0)}%`,
    });
  }
  const cols = Object.keys(rows[0]!);
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  console.log(`huayu relevance: ${engine.docs.length} documents, ${engine.passages.length} passages, ${judged.length} judged queries`);
  console.log(line(cols));
  console.log(line(cols.map(() => '---')));
  for (const r of rows) console.log(line(cols.map((c) => r[c]!)));
  writeFileSync(path.join(ROOT, 'bench/results/relevance.json'), JSON.stringify({ date: new Date().toISOString().slice(0, 10), rows, queries: judged.map((j) => ({ kind: j.kind, q: j.q, relevant: j.relevant.size })) }, null, 1) + '\n');
  await engine.close();
}

await main();
