// The people and bodies of one document: found in its title, header fields,
// lead, labels and a host's introductions, each with where it was found.
// Names are matched through their Simplified form, so 張曉剛 is 张晓刚.

import { pinyin } from 'pinyin-pro';
import { HAN, NAME_SUFFIXES, SPEECH_VERBS, TITLES } from './conventions.js';
import { looksLikePersonName, plausibleName, splitDesignation } from './labels.js';
import { simplified } from './script.js';
import type { Participant, Role, RosterEntry, RosterSource, Span } from './types.js';

export interface Introduction extends Participant {
  /** Offsets of the designation + name in the searched string. */
  start: number;
  end: number;
  /** The text right after the name (and rank), to tell 主持 from 就…答记者问. */
  next: string;
  /** No personal name: the body itself speaks (商务部新闻发言人, 全总负责人). */
  body: boolean;
}

const TITLE_ALT = TITLES.join('|');
const SUFFIX_ALT = NAME_SUFFIXES.join('|');
const VERB_ALT = [...SPEECH_VERBS, '主持', '出席', '回答', '答', '就', '在', '发表', '接受', '进行', '发布', '作', '对', '等', '解读'].join('|');
// Designations run over Han characters and 、 (张掖市委常委、市政府常务副市长); a date (…日) ends them.
const TITLE_AT = new RegExp(`(?:${TITLE_ALT})`, 'gu');
// After a title: a name (2–4 Han, maybe after a space), a rank, then a verb, punctuation, a digit or the end.
const AFTER_TITLE = new RegExp(
  `(?:[ \\u3000]?([\\u3400-\\u9fff]{2,4}?))?(${SUFFIX_ALT})?(?=${VERB_ALT}|[，,。；;：:（(\\s\\d]|$)`,
  'dy',
);
const VERB_AHEAD = new RegExp(`^(?:${VERB_ALT})`, 'u');
// "出席发布会的还有…" introduces a participant; what comes before belongs to the sentence.
const INTRODUCER = /^(?:.*(?:还有|的有|出席|参加|陪同|访|邀请)了?)?、*/u;

/** Han characters (and surrogate halves of those outside the BMP) and 、 run on in a designation; a date's 日 ends one. */
function inDesignation(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 0x3001) return true;
  const han = (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff);
  return han && !(c === 0x65e5 && i > 0 && s.charCodeAt(i - 1) >= 0x30 && s.charCodeAt(i - 1) <= 0x39);
}

/**
 * `<designation><name>` introductions in one string, in order: 国防部新闻发言人张晓刚大校,
 * 张掖市招商局局长郝文年, and bodies that speak without a name (商务部新闻发言人就…).
 * Each title found is tried in turn; its designation runs back over Han
 * characters to the start of the run (or the end of the previous introduction).
 */
export function findIntroductions(text: string): Introduction[] {
  const s = simplified(text);
  const found: Introduction[] = [];
  let floor = 0;
  TITLE_AT.lastIndex = 0;
  for (let t = TITLE_AT.exec(s); t !== null; t = TITLE_AT.exec(s)) {
    const designationEnd = t.index + t[0].length;
    AFTER_TITLE.lastIndex = designationEnd;
    const m = AFTER_TITLE.exec(s);
    if (!m) {
      // 常委、市政府常务副市长: the next title may still close this designation.
      TITLE_AT.lastIndex = t.index + 1;
      continue;
    }
    let from = t.index;
    while (from > floor && inDesignation(s, from - 1)) from--;
    const start = from + INTRODUCER.exec(s.slice(from, designationEnd))![0].length;
    if (start >= designationEnd) continue;
    const nameAt = m.indices![1];
    // A name right before the end, a rank or punctuation needs no known surname (国务院新闻办新闻局局长 寿小丽).
    const closed = !VERB_AHEAD.test(s.slice(m.index + m[0].length)) || m[2] !== undefined;
    const named = nameAt !== undefined && (looksLikePersonName(m[1]!) || (closed && plausibleName(m[1]!)));
    // 商务部新闻发言人就美发布…: 就美 is no name; the body itself speaks when a verb follows its designation.
    if (nameAt && !named && !VERB_AHEAD.test(s.slice(designationEnd))) continue;
    const designation = text.slice(start, designationEnd);
    const { org, title } = splitDesignation(designation);
    if (!title) continue;
    const end = named ? (m.indices![2]?.[1] ?? nameAt[1]) : designationEnd;
    floor = end;
    TITLE_AT.lastIndex = end;
    // 易纲行长就…, 王毅部长表示…: a name before the title (not 张掖市长, where the place comes first).
    const before = designation.slice(0, designation.length - title.length);
    if (!named && looksLikePersonName(before) && !/[市省县区州镇乡]长$/u.test(simplified(title))) {
      found.push({ name: before, title, org: '', designation: title, start, end: designationEnd, next: text.slice(designationEnd, designationEnd + 12), body: false });
      continue;
    }
    const name = named ? text.slice(nameAt[0], nameAt[1]) : designation;
    found.push({ name, title, org, designation, start, end, next: text.slice(end, end + 12), body: !named });
  }
  return found;
}

/** Clause by clause, as a news lead introduces people: …常务副市长刘力江,介绍… 出席发布会的还有…主任张成琦. */
export function findParticipants(paragraph: string): Introduction[] {
  const out: Introduction[] = [];
  let offset = 0;
  for (const clause of paragraph.split(/([，,。；;：:！!？?（）()])/u)) {
    if (clause.length > 1) {
      for (const f of findIntroductions(clause)) if (!f.body) out.push({ ...f, start: f.start + offset, end: f.end + offset });
    }
    offset += clause.length;
  }
  return out;
}

export class Roster {
  readonly entries: RosterEntry[] = [];
  private readonly byKey = new Map<string, RosterEntry>();

  /** Adds a person or body, or notes one more place an entry was found; fills a title or org still empty. */
  add(p: Participant & { role: Role }, where: RosterSource, span: Span): RosterEntry {
    const key = simplified(p.name);
    let e = this.byKey.get(key);
    if (!e) {
      e = { name: p.name, title: p.title, org: p.org, designation: p.designation, role: p.role, aliases: [], found: [] };
      this.entries.push(e);
      this.byKey.set(key, e);
    } else if (!e.title && p.title) {
      e.title = p.title;
      e.org = p.org;
      e.designation = p.designation;
    }
    // Places arrive in order of reading; the same place twice (a lead read for two reasons) is kept once.
    const last = e.found[e.found.length - 1];
    if (!last || last.start !== span.start || last.in !== where) e.found.push({ in: where, ...span });
    return e;
  }

  find(name: string): RosterEntry | undefined {
    return this.byKey.get(simplified(name));
  }

  /** The one person or body holding a title (发言人：, 部长：), if exactly one does. */
  holding(title: string): RosterEntry | undefined {
    const t = simplified(title);
    const holders = this.entries.filter((e) => e.role !== 'reporter' && e.name !== title && simplified(e.title).endsWith(t));
    return holders.length === 1 ? holders[0] : undefined;
  }

  alias(e: RosterEntry, alias: string): void {
    if (alias !== e.name && !e.aliases.includes(alias)) e.aliases.push(alias);
    this.byKey.set(simplified(alias), e);
  }

  /** The Chinese entry whose pinyin an English label spells (Yi Gang, Gang Yi → 易纲). */
  byPinyin(latin: string): RosterEntry | undefined {
    return this.entries.find((e) => spellsName(latin, e.name));
  }
}

/** True when a Latin name spells a Chinese one in pinyin, surname first or last: Yi Gang, Gang Yi → 易纲. */
export function spellsName(latin: string, han: string): boolean {
  if (!/^[\u3400-\u9fff]{2,4}$/u.test(han)) return false;
  const want = latin.toLowerCase().replace(/[^a-z]/gu, '');
  const syllables = pinyin(simplified(han), { toneType: 'none', type: 'array' });
  return want === syllables.join('') || want === [...syllables.slice(1), syllables[0]].join('');
}

/** How far before a speaker's turn a host's 请龐處長… counts as introducing that turn. */
const INTRODUCES_WITHIN = 300;

/**
 * A title for a person the labels name bare (花敬群), from how the text
 * introduces them: 內政部花次長敬群, 海巡署聶嘉馨主任秘書, 唐鳳政委, 提案人吳祖祥,
 * 數位部長唐鳳; or by surname and title alone (请龐處長…) right before one of
 * their turns, when no other speaker has that surname (陳縣長 elsewhere may be
 * another 陳). `shadow` is the text in Simplified script, of the same length.
 */
export function introductionOf(name: string, text: string, shadow: string, turnStarts: readonly number[] | null): (Participant & Span) | null {
  const n = simplified(name);
  const [surname, given] = [n[0]!, n.slice(1)];
  const full = [new RegExp(`(${TITLE_ALT})${n}`, 'du'), new RegExp(`${surname}(${TITLE_ALT})${given}`, 'du'), new RegExp(`${n}(${TITLE_ALT})`, 'du')];
  const byFull = full.map((re) => re.exec(shadow)).find((m) => m !== null);
  const bySurname = turnStarts
    ? [...shadow.matchAll(new RegExp(`${surname}(${TITLE_ALT})`, 'dgu'))].find((m) => turnStarts.some((t) => t > m.index && t - m.index <= INTRODUCES_WITHIN))
    : undefined;
  for (const m of [byFull, bySurname]) {
    if (!m) continue;
    const [titleStart, titleEnd] = m.indices![1]!;
    const before = orgBefore(shadow, m.index);
    let org = text.slice(m.index - before, m.index);
    let title = text.slice(titleStart, titleEnd);
    let start = m.index - before;
    if (!org && titleStart === m.index) {
      // 數位部長唐鳳: the org runs into the title (數位部 + 部長).
      const run = /[\u3400-\u9fff]{1,8}$/u.exec(shadow.slice(Math.max(0, titleStart - 8), titleStart))?.[0] ?? '';
      const split = splitDesignation(text.slice(titleStart - run.length, titleEnd));
      if (ORG_END.test(simplified(split.org))) {
        ({ org, title } = split);
        start = titleStart - run.length;
      }
    }
    return { name, title, org, designation: `${org}${title}`, start, end: m.index + m[0].length };
  }
  return null;
}

const ORG_END = /[部署局委会院处厅办所司府乡镇县市省区队社]$|中心$/u;

/** Length of an organisation's name written right before `at` (、內政部|花次長), or 0. */
function orgBefore(shadow: string, at: number): number {
  const run = new RegExp(`[${HAN}]{2,12}$`, 'u').exec(shadow.slice(Math.max(0, at - 24), at))?.[0] ?? '';
  const org = run.slice(run.search(/[^有是的在和及与请由谢感向对给让跟同到为被从自]*$/u));
  return org.length >= 2 && ORG_END.test(org) ? org.length : 0;
}

const ADDRESSED = new RegExp(`请问([\\u3400-\\u9fff])(${TITLE_ALT})`, 'u');

/** Resolves a form of address such as 请问梁局长 (surname + title) to a roster entry. */
export function resolveAddress(question: string, roster: readonly RosterEntry[]): RosterEntry | null {
  const officials = roster.filter((p) => p.role === 'official');
  for (const p of officials) {
    if (question.includes(`请问${p.name}`)) return p;
  }
  const m = ADDRESSED.exec(simplified(question));
  if (!m) return null;
  const [, surname, title] = m;
  const matches = officials.filter((p) => simplified(p.name).startsWith(surname!) && simplified(p.title).endsWith(title!));
  return matches.length === 1 ? matches[0]! : null;
}
