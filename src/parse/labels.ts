// Speaker labels: the `<who>：` that opens a paragraph. Whether a candidate is
// really a speaker is decided by the format parsers (roster, outlets, 问/答);
// this module only finds candidates and classifies the common shapes.

import { isBlank } from './lines.js';

export interface LabelCandidate {
  label: string;
  /** Offset in the line where the spoken words begin (after colon and spaces). */
  bodyOffset: number;
}

// No sentence punctuation or quotes inside a label, so 美方在…“上海公报”中明确表示： is not one.
const LABEL = /^([^：:，,。！？!?；;“”"‘’（）()\s\u3000]{1,24})\s*[：:]/u;

export function labelCandidate(line: string): LabelCandidate | null {
  const m = LABEL.exec(line);
  if (!m) return null;
  let bodyOffset = m[0].length;
  while (bodyOffset < line.length && isBlank(line[bodyOffset]!)) bodyOffset++;
  return { label: m[1]!, bodyOffset };
}

/** `法新社记者` → `法新社`; `《环球时报》记者` → `环球时报`. Null when the label is not an outlet's reporter. */
export function reporterOutlet(label: string): string | null {
  const m = /^(.*?)记者$/u.exec(label);
  if (!m) return null;
  return stripTitleMarks(m[1]!);
}

// Outlets that write their name without 记者: 中新社： 土耳其阿纳多卢通讯社：
const OUTLET_SUFFIX = /(?:社|台|网|报|卫视|电视|广播|新闻|通讯|月刊|杂志|周刊|频道|》)$/u;

export function looksLikeOutlet(label: string): boolean {
  return label.length <= 16 && OUTLET_SUFFIX.test(label);
}

export function stripTitleMarks(s: string): string {
  return s.replace(/[《》〈〉]/gu, '');
}

// The most common Chinese surnames; a two- or three-character label starting
// with one is taken for a person's name (毛宁：) when the format expects officials.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤华耿乔安常温康施牛洪樊葛邢齐易庞颜倪殷谷关'.split(''),
);

export function looksLikePersonName(label: string): boolean {
  return /^[\u4e00-\u9fff]{2,3}$/u.test(label) && SURNAMES.has(label[0]!);
}

/** A paragraph that is only a stage direction in brackets: （现场播放视频）. */
export function isStageNote(line: string): boolean {
  return /^[（(][^（）()]{1,40}[）)]$/u.test(line);
}
