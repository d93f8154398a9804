// Participants as the transcript itself introduces them: `<org><title><name>`,
// e.g. 张掖市招商局局长郝文年 → org 张掖市招商局, title 局长, name 郝文年.

import type { Participant } from './types.js';

// Longest first, so 常务副市长 wins over 副市长 and 市长.
const TITLES = [
  '常务副市长', '常务副省长', '常务副县长', '常务副区长', '新闻发言人', '党组书记', '主任委员',
  '副市长', '副省长', '副县长', '副区长', '副主任', '副局长', '副厅长', '副部长', '副司长', '副处长',
  '副书记', '副主席', '副院长', '副校长', '副行长', '副台长', '秘书长', '发言人', '董事长', '总经理',
  '总编辑', '检察长', '负责人', '副州长', '副盟长',
  '市长', '省长', '县长', '区长', '州长', '盟长', '主任', '局长', '厅长', '部长', '司长', '处长', '科长',
  '书记', '常委', '主席', '院长', '校长', '行长', '台长', '社长', '主编', '关长', '庭长', '队长', '总裁',
].sort((a, b) => b.length - a.length);

const TITLE_ALT = TITLES.join('|');
const HAN = '\\u3400-\\u9fff';
const SPEECH_VERBS = '介绍|出席|主持|回答|表示|指出|说|强调|通报|发布|答';

// A clause ends at these; 、 does not end one, because designations chain with it.
const CLAUSE_BREAK = /[，,。；;：:！!？?（）()]/;
// "出席发布会的还有…" introduces a participant; what comes before belongs to the sentence.
const INTRODUCER = /^.*(?:还有|的有|出席|参加|陪同)/u;

const DESIGNATED_NAME = new RegExp(
  `([${HAN}、]*?(?:${TITLE_ALT}))([${HAN}]{2,3}?)(?=${SPEECH_VERBS}|$)`,
  'u',
);

/** Splits a designation such as 张掖市委常委、市政府常务副市长 into org and title; the last segment governs. */
export function splitDesignation(designation: string): { org: string; title: string } {
  const segments = designation.split('、').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  const title = TITLES.find((t) => last.endsWith(t)) ?? '';
  let org = last.slice(0, last.length - title.length);
  // 市政府 after 张掖市委… means 张掖市政府: carry the place over from the first segment.
  const place = /^(.+?[省市县区州盟])/.exec(segments[0] ?? '')?.[1];
  if (place && segments.length > 1 && /^[省市县区州盟]/.test(org) && !org.startsWith(place)) {
    org = place.slice(0, -1) + org;
  }
  return { org, title };
}

/** Finds `<designation><name>` introductions in one paragraph, in order of appearance. */
export function findParticipants(paragraph: string): Participant[] {
  const found: Participant[] = [];
  for (const clause of paragraph.split(CLAUSE_BREAK)) {
    const text = clause.replace(INTRODUCER, '');
    const m = DESIGNATED_NAME.exec(text);
    if (!m) continue;
    const designation = m[1]!.replace(/^、+/, '');
    const name = m[2]!;
    const { org, title } = splitDesignation(designation);
    if (!title) continue;
    found.push({ name, title, org, designation });
  }
  return found;
}

/** Matches a speaker label like 张掖市招商局局长郝文年 against known participants. */
export function matchParticipantLabel(label: string, roster: Participant[]): Participant | null {
  for (const p of roster) {
    if (label === p.name || (label.endsWith(p.name) && TITLES.some((t) => label.slice(0, -p.name.length).endsWith(t)))) {
      return p;
    }
  }
  return null;
}

/** Resolves a form of address such as 梁局长 (surname + title) to a participant. */
export function resolveAddress(question: string, roster: Participant[]): Participant | null {
  for (const p of roster) {
    if (question.includes(`请问${p.name}`)) return p;
  }
  const m = new RegExp(`请问([${HAN}])(${TITLE_ALT})`, 'u').exec(question);
  if (!m) return null;
  const [, surname, title] = m;
  const matches = roster.filter((p) => p.name.startsWith(surname!) && p.title.endsWith(title!));
  return matches.length === 1 ? matches[0]! : null;
}
