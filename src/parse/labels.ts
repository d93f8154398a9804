// Speaker labels: where a line names who speaks, in any of the shapes
// transcripts use, and what the label says about the speaker. Whether a label
// is accepted, and who it resolves to, is the turn parser's decision (it knows
// the roster and the document); this module only reads one line.

import {
  ENGLISH_ROLES,
  ANSWER_LABELS,
  ASKED_LABEL,
  ASKER_LABELS,
  HEADER_KEYS,
  HOST_WORDS,
  NAME_SUFFIXES,
  OUTLET_SUFFIX,
  QUOTING_ENDINGS,
  TITLES,
} from './conventions.js';
import { isBlank } from './lines.js';
import { simplified } from './script.js';
import type { LabelShape } from './types.js';

export interface LabelMatch {
  label: string;
  /** Offset in the line where the spoken words begin (after the label, its colon and spaces); the line's length when none follow. */
  bodyOffset: number;
  shape: LabelShape;
  /** Nothing follows the label on its line: the speech is on the next lines. */
  alone: boolean;
}

// No sentence punctuation or quotes inside a label, so 美方在…“上海公报”中明确表示： is not one.
// Spaces are allowed inside (中央社 蘇思云, 主持人 寿小丽, Yi Gang), not at its edges.
const NAME = '[^：:，,。！？!?；;“”"‘’「」（）()【】\\[\\]\\s\\u3000*#>][^：:，,。！？!?；;“”"‘’「」（）()【】\\[\\]*#]{0,23}?';
const SHAPES: Array<{ shape: LabelShape; re: RegExp }> = [
  { shape: 'markdown', re: new RegExp(`^#{1,6}[ \\t\\u3000]*(${NAME})[ \\t\\u3000]*[：:]`, 'u') },
  { shape: 'markdown', re: new RegExp(`^\\*\\*(${NAME})[ \\t\\u3000]*[：:]?\\*\\*[ \\t\\u3000]*[：:]?`, 'u') },
  { shape: 'bracket', re: new RegExp(`^【[ \\t\\u3000]*(${NAME})[ \\t\\u3000]*】[ \\t\\u3000]*[：:]?`, 'u') },
  { shape: 'bracket', re: new RegExp(`^\\[[ \\t\\u3000]*(${NAME})[ \\t\\u3000]*\\](?!\\()[ \\t\\u3000]*[：:]?`, 'u') },
  // 赵辰昕（国家发展改革委副主任）： / 记者（新华社）：
  { shape: 'colon', re: new RegExp(`^(${NAME}[（(][^（）()：:]{1,24}[）)])[ \\t\\u3000]*[：:]`, 'u') },
  { shape: 'colon', re: new RegExp(`^(${NAME})[ \\t\\u3000]*[：:]`, 'u') },
];

/** The label a line opens with, in any shape, or null. */
export function findLabel(line: string): LabelMatch | null {
  for (const { shape, re } of SHAPES) {
    const m = re.exec(line);
    if (!m) continue;
    const label = m[1]!.trim();
    if (!label) continue;
    let bodyOffset = m[0].length;
    while (bodyOffset < line.length && isBlank(line[bodyOffset]!)) bodyOffset++;
    const alone = bodyOffset >= line.length;
    return { label, bodyOffset, shape: alone && shape === 'colon' ? 'alone' : shape, alone };
  }
  return null;
}

/** What a label says, before the roster is consulted. */
export type LabelReading =
  | { type: 'asker'; name: string; title: string; org: string; followUp: boolean }
  | { type: 'answer' }
  | { type: 'host'; name: string; title: string }
  /** A person: with the designation the label gives (国家发展改革委副主任赵辰昕), or a bare name. */
  | { type: 'person'; name: string; title: string; org: string; designation: string; latin: boolean }
  /** A reporter named by outlet (中央社), or outlet and name (中央社 蘇思云); weak: only the outlet's suffix says so. */
  | { type: 'outlet'; name: string; org: string; weak: boolean }
  | { type: 'unknown'; name: string };

export function stripTitleMarks(s: string): string {
  return s.replace(/[《》〈〉]/gu, '').trim();
}

const HAN = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;
const LATIN_PERSON = /^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}$/u;
const LATIN = /^[A-Za-z][\w.&'-]*(?: [A-Za-z\d][\w.&'-]*)*$/u;
const FUNCTION_WORDS = /[的了是在和与及我你他她它们这那就都也还对把被从向]/u;

// Labels repeat (汪文斌： dozens of times a transcript): each is read once.
const readings = new Map<string, LabelReading | null>();

/** Reads a label; null when it is not one (a header key, a sentence that quotes someone). */
export function readLabel(label: string): LabelReading | null {
  let r = readings.get(label);
  if (r === undefined) {
    if (readings.size > 50_000) readings.clear();
    r = readLabelOnce(label);
    readings.set(label, r);
  }
  return r;
}

function readLabelOnce(label: string): LabelReading | null {
  const s = simplified(label);
  if (HEADER_KEYS.includes(s)) return null;
  const english = ENGLISH_ROLES.get(label.toLowerCase());
  if (english === 'asker') return { type: 'asker', name: label, title: '', org: '', followUp: false };
  if (english === 'answer') return { type: 'answer' };
  if (english === 'host') return { type: 'host', name: label, title: label };
  const paren = /^(.+?)[（(](.+)[）)]$/u.exec(label);
  if (paren) return readParenthesized(paren[1]!, paren[2]!);
  // A title alone (发言人：, 部长：) is whoever holds it in this document.
  if (TITLES.includes(s)) return { type: 'person', name: label, title: label, org: '', designation: label, latin: false };
  const asker = ASKER_LABELS.get(label) ?? ASKER_LABELS.get(s);
  if (asker) return { type: 'asker', name: asker.name, title: asker.title, org: '', followUp: asker.followUp ?? false };
  if (ASKED_LABEL.test(s)) return { type: 'asker', name: label.includes('記') || label.includes('問') ? '記者' : '记者', title: '记者', org: '', followUp: false };
  if (ANSWER_LABELS.includes(s)) return { type: 'answer' };
  const host = readHost(label, s);
  if (host) return host;
  const reporter = /^(.+?)(记者)(?:[ \t\u3000]+(\S{2,4}))?$/u.exec(s);
  if (reporter) {
    const outlet = stripTitleMarks(label.slice(0, reporter[1]!.length));
    const title = label.slice(reporter[1]!.length, reporter[1]!.length + 2);
    if (reporter[3]) return { type: 'asker', name: label.slice(-reporter[3].length), title, org: outlet, followUp: false };
    return { type: 'asker', name: label, title, org: outlet, followUp: false };
  }
  if (QUOTING_ENDINGS.some((e) => s.endsWith(e) && (e.length > 1 || s.length >= 3))) return null;
  if (LATIN_PERSON.test(label)) return { type: 'person', name: label, title: '', org: '', designation: '', latin: true };
  if (LATIN.test(label)) return { type: 'outlet', name: label, org: label, weak: false };
  const spaced = /^(.+?)[ \t\u3000]+(\S{2,4})$/u.exec(label);
  if (spaced && looksLikePersonName(spaced[2]!)) {
    const designated = designatedName(`${spaced[1]}${spaced[2]}`);
    if (designated) return designated;
    return { type: 'outlet', name: spaced[2]!, org: spaced[1]!, weak: false };
  }
  const designated = designatedName(label);
  if (designated) return designated;
  if (looksLikePersonName(label)) return { type: 'person', name: label, title: '', org: '', designation: '', latin: false };
  if (label.length <= 16 && OUTLET_SUFFIX.test(s)) return { type: 'outlet', name: label, org: stripTitleMarks(label), weak: true };
  if (label.length <= 8 && HAN.test(label) && !FUNCTION_WORDS.test(s)) return { type: 'unknown', name: label };
  // Latin and Han mixed (iThome, Yahoo 財經): an outlet's or a person's name, as the document decides.
  if (label.length <= 16 && /[A-Za-z]/u.test(label) && !FUNCTION_WORDS.test(s) && LATIN.test(label.replace(/[\u3400-\u9fff]/gu, 'a'))) {
    return { type: 'unknown', name: label };
  }
  return null;
}

/** 赵辰昕（国家发展改革委副主任）, 记者（新华社）, 主持人（寿小丽）. */
function readParenthesized(outer: string, inner: string): LabelReading | null {
  const o = readLabel(outer);
  if (!o) return null;
  if (o.type === 'asker' && o.title && !o.org) return { ...o, name: `${inner}${o.title}`, org: stripTitleMarks(inner) };
  if (o.type === 'host' && looksLikePersonName(inner)) return { type: 'host', name: inner, title: outer };
  // 主持人（国务院新闻办新闻局局长寿小丽）
  const designated = o.type === 'host' ? designatedName(inner) : null;
  if (designated?.type === 'person') return { type: 'host', name: designated.name, title: outer };
  if (o.type === 'person' && !o.latin) return designatedName(`${inner}${outer}`) ?? o;
  return o;
}

function readHost(label: string, s: string): LabelReading | null {
  if (HOST_WORDS.includes(s)) return { type: 'host', name: label, title: label };
  for (const w of HOST_WORDS) {
    if (!s.startsWith(w)) continue;
    const name = label.slice(w.length).trim();
    if (looksLikePersonName(name)) return { type: 'host', name, title: label.slice(0, w.length) };
  }
  return null;
}

/** `<designation><name>` as a whole label: 张掖市招商局局长郝文年, 国家发展改革委副主任 赵辰昕. */
function designatedName(label: string): LabelReading | null {
  const s = simplified(label.replace(/[ \t\u3000]+/gu, ''));
  const compact = label.replace(/[ \t\u3000]+/gu, '');
  const suffix = NAME_SUFFIXES.find((x) => s.endsWith(x));
  const bare = suffix ? s.slice(0, -suffix.length) : s;
  for (const title of TITLES) {
    const at = bare.lastIndexOf(title);
    if (at < 0) continue;
    const name = compact.slice(at + title.length, bare.length);
    if (!looksLikePersonName(name)) continue;
    const designation = compact.slice(0, at + title.length);
    return { type: 'person', name, designation, ...splitDesignation(designation), latin: false };
  }
  return null;
}

/** Splits a designation such as 张掖市委常委、市政府常务副市长 into org and title; the last segment governs. */
export function splitDesignation(designation: string): { org: string; title: string } {
  const segments = designation.split('、').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  const lastS = simplified(last);
  const title = TITLES.find((t) => lastS.endsWith(t)) ?? '';
  let org = last.slice(0, last.length - title.length);
  if (/(?:有关|主要)$/u.test(simplified(org))) org = org.slice(0, -2);
  // 市政府 after 张掖市委… means 张掖市政府: carry the place over from the first segment.
  const place = /^(.+?[省市县区州盟])/u.exec(segments[0] ?? '')?.[1];
  if (place && segments.length > 1 && /^[省市县区州盟]/u.test(org) && !org.startsWith(place)) {
    org = place.slice(0, -1) + org;
  }
  // 數位部長, 外交部长: the org's last character runs into the title (數位部 + 部長).
  const head = simplified(title).replace(/^(?:常务)?副/u, '')[0] ?? '';
  if (org && '部局署院厅处司'.includes(head) && !/[部局署院厅处司委会办府]$/u.test(simplified(org))) org += title.replace(/^(?:常務|常务)?副/u, '')[0];
  // 商务部党组书记、部长王文涛: the last title's org is the one named before it.
  if (!org && segments.length > 1) org = splitDesignation(segments.slice(0, -1).join('、')).org;
  // 国家发展改革委、商务部有关负责人: bodies before the last that carry no title of their own share it.
  const sharing = segments.slice(0, -1);
  if (title && sharing.length && sharing.every((seg) => !TITLES.some((t) => simplified(seg).endsWith(t)))) {
    org = [...sharing, org].join('、');
  }
  return { org, title: last.slice(last.length - title.length) };
}

// The most common Chinese surnames (Simplified); a two- to four-character
// label starting with one is taken for a person's name (毛宁：, 唐鳳：).
const SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤华耿乔安常温康施牛洪樊葛邢齐易庞颜倪殷谷关' +
    '花聂庄岳鲁俞柳骆甘景符舒屈包左鲍申柯卜房解祝霍童滕焦穆毕池苗凌翟项涂蓝季饶詹戚宣宫冷邬路麦尚阎蔺晏褚卫蒲裴' +
    '辛阮欧伍纪费卓蒙连邝巫鞠诸乐邰艾匡鄂储冉郎盛季桂佟车翁' +
    '寿商佘仇荆乌敖郁岑查喻隋湛娄危揭沙缪米臧计伏谈茅仲伊栾厉戎祖束幸韶郜蓟薄印宿怀索咸籍赖屠阴胥苍闻莘党贡劳逄姬扶堵宰郦雍璩桑濮扈燕冀郏浦柴瞿茹习宦鱼容慎戈庾暨衡寇禄阙殳沃蔚夔隆师巩厍晁勾訾阚简毋乜养须巢蒯竺逯桓谌汝尤晋牟甄麻')
    .split(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '端木'];

// A word ending in one of these names a body (商务部, 安理会, 中新社), not a person (王建国 and 李建军 are people).
const BODY_END = /[部局署委会院处厅办所司府社台网报党团队省市县区州]$/u;

export function looksLikePersonName(name: string): boolean {
  if (!/^[\u3400-\u9fff]{2,4}$/u.test(name)) return false;
  const s = simplified(name);
  if (BODY_END.test(s)) return false;
  if (COMPOUND_SURNAMES.some((c) => s.startsWith(c))) return s.length >= 3;
  return s.length <= 3 && SURNAMES.has(s[0]!);
}

// A word, not a name, when it starts with one of these (表示, 就此, 在此…).
const NOT_A_NAME_START = /^[表说指强通认透就在对等将也还已于向和与及的了是有为把被让给请并同但而这那其此各该本我你他她们会上下中]/u;

/**
 * A name where the text's structure says one stands: right after a title and
 * before the end, a rank or punctuation (局长 寿小丽, 主任康义先生). Any surname,
 * as long as it does not read as a word.
 */
export function plausibleName(name: string): boolean {
  return /^[\u3400-\u9fff]{2,3}$/u.test(name) && !NOT_A_NAME_START.test(simplified(name));
}

