// What a query asks, before any list is read: the speakers it names (汪文斌,
// in either script, with a role word such as 发言人 around the name), the
// outlets (路透社: what their reporters asked and the answers), the words of
// the subject, and the filler of a question (谈, 如何回应, 的表态) that need
// not stand in the text. The response says what was understood.

import { matchForm } from '../analysis/normalize.js';
import type { Segmenter } from '../analysis/segmenter.js';
import { chineseRuns } from '../analysis/tokenize.js';
import type { Engine } from '../index/engine.js';
import { splitQuoted } from './query.js';
import { NAME_SUFFIXES, TITLES } from '../parse/conventions.js';
import { FILLER_TAILS, QUESTION_FILLER, QUESTION_MARKERS, titleForms } from './queryConventions.js';

export interface Understood {
  /** Speakers the query names, as the index writes them (唐鳳 for 唐凤). */
  speakers: string[];
  /** Outlets whose reporters' questions the query asks for. */
  outlets: string[];
  /** The subject's words and parts, as they will be matched. */
  words: string[];
  /** Quoted phrases, matched verbatim. */
  phrases: string[];
  /** What was typed and is not searched: question filler and role words. */
  dropped: string[];
}

interface NameIndex {
  /** Normalized name → names as indexed. */
  speakers: Map<string, string[]>;
  outlets: Map<string, string[]>;
  longest: number;
  /** Titles, ranks and the organisations of the index's officials, longest first: what may stand around a name. */
  roleWords: string[];
}

/** By engine.aliases: the entries change when aliases.tsv is applied at open. */
const indexes = new WeakMap<object, NameIndex>();

function nameIndex(engine: Engine): NameIndex {
  let idx = indexes.get(engine.aliases);
  if (idx) return idx;
  const speakers = new Map<string, string[]>();
  const outlets = new Map<string, string[]>();
  let longest = 0;
  const put = (m: Map<string, string[]>, key: string, name: string) => {
    if (key.length < 2) return;
    m.set(key, [...new Set([...(m.get(key) ?? []), name])]);
    longest = Math.max(longest, key.length);
  };
  const roles = new Set<string>([...TITLES, ...NAME_SUFFIXES].map(matchForm));
  for (const s of engine.speakers.values()) {
    if (s.role === 'reporter') {
      // Reporters are searched by their outlet; one with none (记者：, an anonymous asker) is no one to name.
      // Their title beside the outlet (路透社记者) says whose reporter, and is not a word of the subject.
      // Any spelling of the outlet (共同社, 日本共同社) names it, by its canonical name.
      for (const org of s.orgs) {
        const outlet = org && (engine.aliases.outletOf.get(org) ?? org);
        if (outlet) for (const o of engine.aliases.outletSpellings.get(outlet) ?? [outlet]) put(outlets, matchForm(o), outlet);
      }
      if (s.orgs.some(Boolean)) for (const title of s.titles) roles.add(matchForm(title));
    } else if (s.role !== 'narrator' && !s.titles.includes(s.name)) {
      // A label that is only a role (主持人, 发言人) names a role, not a person.
      // Every spelling of the entry (唐凤 for 唐鳳, an aliases.tsv name) names it once, by the entry's name.
      for (const n of engine.aliases.spellings.get(s.name) ?? [s.name]) put(speakers, matchForm(n), s.name);
      // An office names everyone who held it: 外交部发言人 is 汪文斌, 华春莹, 毛宁…
      for (const org of s.orgs) for (const title of s.titles) if (org && title) for (const t of titleForms(title)) put(speakers, matchForm(`${org}${t}`), s.name);
      for (const org of s.orgs) if (org) roles.add(matchForm(org));
    }
  }
  idx = { speakers, outlets, longest, roleWords: [...roles].filter(Boolean).sort((a, b) => b.length - a.length) };
  indexes.set(engine.aliases, idx);
  return idx;
}

/** Finds the longest known names in `part`, left to right; returns what is left between them. */
function takeNames(part: string, idx: NameIndex, found: { speakers: Set<string>; outlets: Set<string>; dropped: string[] }): string[] {
  const form = matchForm(part);
  // The normalized form drops punctuation; names are looked up in it and cut out of it.
  const rest: string[] = [];
  let from = 0;
  let i = 0;
  while (i < form.length) {
    let hit: { len: number; names: string[]; outlet: boolean } | null = null;
    for (let len = Math.min(idx.longest, form.length - i); len >= 2; len--) {
      const key = form.slice(i, i + len);
      const s = idx.speakers.get(key);
      const o = idx.outlets.get(key);
      if (s || o) {
        hit = { len, names: s ?? o!, outlet: !s };
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    if (i > from) rest.push(form.slice(from, i));
    for (const n of hit.names) (hit.outlet ? found.outlets : found.speakers).add(n);
    i += hit.len;
    from = i;
  }
  if (from < form.length) rest.push(form.slice(from));
  // No name in it: a title searched as a word (政委 beside Cheers 杂志) is kept, and not reported dropped.
  if (from === 0) return rest;
  // A title or organisation right around a name (外交部发言人汪文斌) describes it.
  return rest.map((r) => stripRoleWords(r, idx.roleWords, found.dropped)).filter(Boolean);
}

function stripRoleWords(s: string, roleWords: readonly string[], dropped: string[]): string {
  let out = s;
  for (let changed = true; changed && out; ) {
    changed = false;
    const w = roleWords.find((r) => out.endsWith(r) || out.startsWith(r));
    if (!w) break;
    dropped.push(w);
    out = out.endsWith(w) ? out.slice(0, -w.length) : out.slice(w.length);
    changed = true;
  }
  return out;
}

/** Reads a query: names, outlets, the subject's words, phrases, and what need not match. */
export async function understand(engine: Engine, q: string, segmenter: Segmenter): Promise<Understood> {
  const idx = nameIndex(engine);
  const { phrases, rest } = splitQuoted(q);
  const found = { speakers: new Set<string>(), outlets: new Set<string>(), dropped: [] as string[] };
  const words: string[] = [];
  const pieces: Array<{ text: string; named: boolean }> = [];
  for (const part of rest.split(/[\s\u3000]+/u).filter(Boolean)) {
    const before = found.speakers.size + found.outlets.size;
    const left = takeNames(part, idx, found);
    const named = found.speakers.size + found.outlets.size > before;
    for (const text of named ? left : [part]) pieces.push({ text, named });
  }
  // Pieces that named someone, or may read as a question, are cut into words and their filler dropped;
  // the others (most queries) are kept whole without asking the segmenter.
  const cutting = pieces.map((p) => p.named || QUESTION_MARKERS.some((m) => p.text.includes(m)));
  const runs = pieces.map((p, i) => (cutting[i] ? chineseRuns(p.text) : []));
  const cuts = runs.some((r) => r.length) ? await segmenter.cut(runs.flat()) : [];
  let at = 0;
  pieces.forEach((p, i) => {
    const tokens = cuts.slice(at, at + runs[i]!.length).flat();
    at += runs[i]!.length;
    const asks = tokens.some((t) => QUESTION_MARKERS.some((m) => t.includes(m)));
    if (!p.named && !asks) {
      words.push(p.text);
      return;
    }
    const latin = p.text.match(/[A-Za-z0-9][A-Za-z0-9.%]*/gu) ?? [];
    // Words between the filler stay together: 对|南海仲裁案|怎么看 searches 南海仲裁案, not 南海, 仲裁 and 案.
    let run = '';
    const flush = () => {
      if (run && !words.includes(run)) words.push(run);
      run = '';
    };
    for (const token of tokens) {
      // 领土问题, 台湾的表态: a subject with the question's word grown onto it.
      const tail = FILLER_TAILS.find((f) => token.length > f.length + 1 && token.endsWith(f));
      const t = tail ? token.slice(0, -tail.length) : token;
      if (QUESTION_FILLER.has(t)) {
        found.dropped.push(t);
        flush();
        continue;
      }
      run += t;
      if (tail) {
        found.dropped.push(tail);
        flush();
      }
    }
    flush();
    for (const t of latin) if (!words.includes(t)) words.push(t);
  });
  return { speakers: [...found.speakers], outlets: [...found.outlets], words, phrases: phrases.filter(Boolean), dropped: found.dropped };
}
