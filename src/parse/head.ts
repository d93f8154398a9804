// The head of a document: title, date line, repeated title, subtitle, header
// fields, byline, imprint and lead. Read by the same rules for every layout;
// what they say (who presides, who answers, who writes) feeds the roster.

import {
  BYLINE,
  BYLINE_FIELD,
  CAPTIONS,
  STAGE_LINES,
  DATELINE,
  EDITOR,
  HEADER_KEYS,
  IMPRINT,
  LATIN_BODY_KEYS,
  LATIN_HEADER_KEYS,
  MARKDOWN_TITLE,
  NARRATIVE_OPENING,
  NEWS_LEAD,
  PROFILES,
  ROSTER_HEADER_KEYS,
  SUBTITLE,
  TELLS_OF_BRIEFING,
  TIMESTAMP,
  type LayoutProfile,
} from './conventions.js';
import { inferProvince, inferYear, isoDate } from './dates.js';
import { findLabel, looksLikePersonName, readLabel } from './labels.js';
import type { Line } from './lines.js';
import { matchAs, simplified } from './script.js';
import type { MetaSpan } from './types.js';

export interface HeaderField {
  key: string;
  value: string;
  /** Offset of the value in the document. */
  valueStart: number;
}

export interface Head {
  profile: LayoutProfile | null;
  /** The document's title as written, without a header key before it. */
  titleText: string;
  /** Line index of each line that is metadata, and its field. */
  meta: Map<number, MetaSpan['field']>;
  titleLine: number | null;
  subtitleLine: number | null;
  /** The first narrative paragraph (news lead or dated opening), if any. */
  leadLine: number | null;
  /** Lines of text before the first label that are not metadata: where a lead names who answers. */
  narrative: number[];
  headerFields: Array<HeaderField & { line: number }>;
  /** The outlet a byline, dateline or imprint names, and the reporters a byline or lead names. */
  outlet: string;
  /** The line that names the writer (byline or lead), for the roster. */
  writerLine: number | null;
  reporters: string[];
  imprint: string;
  editor: string | null;
  date: string | null;
  warnings: string[];
}

/** A photo caption (…答记者问。武炎洲 摄): names a speaker but is not speech. */
export function isCaption(t: string): boolean {
  const last = t[t.length - 1]!;
  // Cheap first: a caption ends with the photographer's 摄 or starts with 图为.
  if (!/[摄攝影)）]/u.test(last) && !/^[（(]?[图圖]/u.test(t)) return false;
  return CAPTIONS.some((re) => re.test(t));
}

/** A stage direction in brackets, or a `>` stage or link line. */
export function isStageLine(t: string): boolean {
  const s = simplified(t);
  return STAGE_LINES.some((re) => re.test(s));
}

// A title: a line with no sentence-ending punctuation, before anything else.
const SENTENCE_END = /[。！？!?][”"’』」）)]?$/u;

// Words of a transcript's title: a first line with one of them, a date line under it, or its repetition
// as the next line is a title; any other first line is the text's own first paragraph.
const TITLE_WORDS = /发布会|记者会|例行|答记者问|答问|采访|访谈|实录|解读|谈话|讲话|答复|新闻|权威|专访|对话|逐字稿/u;

function isTitleLine(lines: Line[], i: number): boolean {
  const text = lines[i]!.text;
  if (text.length > 120 || SENTENCE_END.test(text) || matchAs(NEWS_LEAD, text) !== null || findLabel(text)?.alone === true || /^[#>【\[<]/u.test(text)) return false;
  const next = lines[i + 1]?.text ?? '';
  return TITLE_WORDS.test(simplified(text)) || TIMESTAMP.test(next) || next.startsWith(text);
}

/** Header fields on one line: 时间：…  or 来源：商务部新闻办公室 类型：原创 分类：新闻. */
const KEYS = [...HEADER_KEYS, ...ROSTER_HEADER_KEYS.keys()].join('|');
const FIRST_FIELD = new RegExp(`^(${KEYS})\\s*[：:]\\s*`, 'u');
const NEXT_FIELD = new RegExp(`\\s+(${KEYS})\\s*[：:]\\s*`, 'gu');

export function headerFields(line: Line): HeaderField[] | null {
  const colon = line.text.search(/[：:]/u);
  if (colon < 0 || colon > 12) return null;
  const s = simplified(line.text);
  const first = FIRST_FIELD.exec(s);
  if (!first) return null;
  const key = first[1]!;
  // 主持人：女士们、先生们… is the host speaking, not a header: a roster field holds a designation and a name, no sentence.
  // 主持人： alone on its line is a label whose speech follows.
  const rest = s.slice(first[0].length);
  if (ROSTER_HEADER_KEYS.has(key) && (/[。！？!?，,]/u.test(rest) || !rest.trim())) return null;
  const fields: HeaderField[] = [];
  let at = first[0].length;
  let k = key;
  for (const m of s.slice(at).matchAll(NEXT_FIELD)) {
    fields.push({ key: k, value: line.text.slice(at, at + m.index).trim(), valueStart: line.start + at });
    k = m[1]!;
    at += m.index + m[0].length;
  }
  fields.push({ key: k, value: line.text.slice(at).trim(), valueStart: line.start + at });
  return fields;
}

const LATIN_FIELD = /^([A-Za-z][A-Za-z ]{0,20}?)\s*[:：]\s*(.*)$/u;

/**
 * A header block in Latin script before the body (TITLE:⏎…⏎PUBLISHED:⏎… ARTICLE TEXT:):
 * its lines become metadata and its fields header fields; returns the index of the body's first line.
 */
function latinHeaderBlock(lines: Line[], head: Head): number {
  let i = 0;
  while (i < lines.length) {
    const m = LATIN_FIELD.exec(lines[i]!.text);
    const key = m?.[1]!.toLowerCase() ?? '';
    if (!m || !(LATIN_HEADER_KEYS.has(key) || LATIN_BODY_KEYS.has(key))) break;
    head.meta.set(i, 'header');
    i++;
    if (LATIN_BODY_KEYS.has(key)) break;
    const inline = m[2]!.trim();
    const valueLine = inline ? i - 1 : i;
    const value = inline || (lines[i]?.text ?? '');
    const valueStart = inline ? lines[i - 1]!.start + lines[i - 1]!.text.length - inline.length : (lines[i]?.start ?? 0);
    if (!inline && lines[i]) head.meta.set(i++, key === 'title' || key === 'headline' ? 'title' : 'header');
    head.headerFields.push({ key, value, valueStart, line: valueLine });
    if ((key === 'title' || key === 'headline') && value) {
      head.titleLine = valueLine;
      head.titleText = value;
      head.meta.set(valueLine, 'title');
    }
  }
  return head.headerFields.length ? i : 0;
}

export function readHead(lines: Line[], text: string): Head {
  const head: Head = {
    profile: null,
    titleText: '',
    meta: new Map(),
    titleLine: null,
    subtitleLine: null,
    leadLine: null,
    narrative: [],
    headerFields: [],
    outlet: '',
    writerLine: null,
    reporters: [],
    imprint: '',
    editor: null,
    date: null,
    warnings: [],
  };
  let i = latinHeaderBlock(lines, head);
  const first = lines[i];
  head.profile = PROFILES.find((p) => matchAs(p.first, head.titleText || first?.text || '') !== null) ?? null;
  // A label written as a heading (`### 唐鳳：`) is speech, not a title; the heading's marks are not part of the title.
  const heading = first && findLabel(first.text)?.alone !== true ? MARKDOWN_TITLE.exec(first.text) : null;
  if (head.titleLine === null && first && (heading || head.profile?.format === 'mfa-briefing' || (head.profile === null && isTitleLine(lines, i)))) {
    head.titleLine = i;
    head.titleText = heading?.[1] ?? first.text;
    head.meta.set(i, 'title');
    i++;
  }
  let timestampDate: string | null = null;
  const ts = lines[i] ? TIMESTAMP.exec(lines[i]!.text) : null;
  if (ts && head.titleLine !== null) {
    head.meta.set(i, 'timestamp');
    timestampDate = isoDate(Number(ts[1]), Number(ts[2]), Number(ts[3]));
    i++;
  }
  // The title repeated as the first body line (often with a suffix: …（政策解读）), then a subtitle.
  if (head.titleText && lines[i] && lines[i]!.text.startsWith(head.titleText.replace(/^\d{4}-\d{2}-\d{2}\s+/u, ''))) {
    head.meta.set(i, 'title');
    i++;
  }
  if (lines[i] && matchAs(SUBTITLE, lines[i]!.text) && lines[i]!.text.length <= 120) {
    head.subtitleLine = i;
    head.meta.set(i, 'subtitle');
  }

  let firstLabel = lines.length;
  lines.forEach((line, n) => {
    if (head.meta.has(n)) return;
    const t = line.text;
    const fields = headerFields(line);
    if (fields) {
      head.meta.set(n, 'header');
      for (const f of fields) head.headerFields.push({ ...f, line: n });
      return;
    }
    const bracketed = /^[(（《【]/u.test(t);
    const ed = bracketed ? matchAs(EDITOR, t) : null;
    if (ed) {
      head.editor = ed[1]!;
      head.meta.set(n, 'editor');
      return;
    }
    const imp = bracketed ? matchAs(IMPRINT, t) : null;
    if (imp) {
      head.imprint = imp[1]!;
      head.meta.set(n, 'imprint');
      return;
    }
    // 记者：方亚东、侯文坤 before the first label or closing the text: names, not a question.
    const byField = t.length <= 40 && (n < firstLabel || n >= lines.length - 3) ? matchAs(BYLINE_FIELD, t) : null;
    const names = byField?.[1]!.split(/[\s、，,]+/u) ?? [];
    if (names.length && names.every((x) => looksLikePersonName(x) && !/^(.)\1$/u.test(x))) {
      head.reporters = names;
      head.writerLine = n;
      head.meta.set(n, 'byline');
      return;
    }
    const by = t.length <= 30 && n < firstLabel ? BYLINE.exec(simplified(t)) : null;
    if (by) {
      head.outlet = t.slice(0, by[1]!.length);
      head.writerLine = n;
      if (by[2]) head.reporters = t.slice(t.length - by[2].length).split(/[\s、]+/u);
      head.meta.set(n, 'byline');
      return;
    }
    const label = n < firstLabel ? findLabel(t) : null;
    if (label && readLabel(label.label)) firstLabel = n;
  });

  for (let n = 0; n < Math.min(firstLabel, lines.length); n++) if (!head.meta.has(n)) head.narrative.push(n);
  // The lead: the first narrative paragraph before any labelled turn.
  for (let n = 0; n < Math.min(firstLabel, lines.length); n++) {
    const t = lines[n]!.text;
    if (head.meta.has(n) || isCaption(t) || isStageLine(t)) continue;
    const news = matchAs(NEWS_LEAD, t);
    const dateline = matchAs(DATELINE, t);
    const s = simplified(t);
    if (news) {
      // 中国台湾网北京9月29日讯: the outlet, without the place and date after it.
      head.outlet = news[1]!.trim().replace(/\d{1,2}月\d{1,2}日$/u, '').replace(/^(.+?(?:网|社|报|台|电视台|日报|时报|晚报|新闻))[\u3400-\u9fff]{2,3}$/u, '$1');
      head.reporters = news[2]!.trim().split(/\s+/u);
    } else if (dateline && /电/u.test(s.slice(0, 20))) {
      head.outlet ||= matchAs(/^(新华社|中新社|本报|人民网|央视网|中国新闻网|新华网)/u, t)?.[1] ?? '';
      // 新华社北京3月6日电（记者 张三、李四）
      const by = matchAs(/^[^（(]{0,24}电\s*[（(]\s*记者\s*([^）)]{2,30}?)\s*[）)]/u, t);
      if (by) head.reporters = by[1]!.split(/[\s、，,]+/u).filter(Boolean);
    } else if (!(NARRATIVE_OPENING.test(s) && TELLS_OF_BRIEFING.test(s)) && !(n === 0 && head.profile?.format === 'city-briefing')) {
      break;
    }
    head.leadLine = n;
    if (news || dateline) head.writerLine ??= n;
    const own = matchAs(/本报记者\s*([\u3400-\u9fff]{2,4}(?:[\s、][\u3400-\u9fff]{2,4})*)/u, t);
    if (own) head.reporters = own[1]!.split(/[\s、]+/u);
    break;
  }
  if (head.outlet === '本报') head.outlet = head.imprint;
  head.date = documentDate(lines, text, head, timestampDate);
  if (!head.date) head.warnings.push('no date found in the title, header or lead');
  return head;
}

function documentDate(lines: Line[], text: string, head: Head, timestampDate: string | null): string | null {
  const titleText = head.titleText;
  const full = /(\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(titleText) ?? /(\d{4})-(\d{2})-(\d{2})/u.exec(titleText);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  if (timestampDate) return timestampDate;
  for (const f of head.headerFields) {
    const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(f.value) ?? /(\d{4})-(\d{1,2})-(\d{1,2})/u.exec(f.value);
    if (m && /时间|日期|来源|published|date|updated/u.test(f.key)) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (head.leadLine !== null) {
    const m = /(\d{1,2})月(\d{1,2})日/u.exec(lines[head.leadLine]!.text.slice(0, 40));
    const year = m ? inferYear(text, Number(m[1])) : null;
    if (m && year) return isoDate(year, Number(m[1]), Number(m[2]));
  }
  return null;
}

/** The title and the event for citations, from the title line, or from a news lead (…省政府新闻办举行…——张掖专场). */
export function titleAndEvent(lines: Line[], text: string, head: Head, id: string): { title: string; event: string } {
  const first = lines[0]?.text ?? id;
  if (head.titleLine !== null) {
    const title = head.titleText;
    const event = head.profile?.event?.(title) ?? title.replace(/^\d{4}-\d{2}-\d{2}\s+/u, '').replace(/^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:[上中下]旬)?/u, '').replace(/(?:文字实录|实录|全文|逐字稿)$/u, '');
    return { title, event: event || title };
  }
  if (head.leadLine !== null) {
    const lead = lines[head.leadLine]!.text;
    const m = /([^，,。；;]+?)举行([^，,。；;]+)/u.exec(lead.replace(NEWS_LEAD, ''));
    if (m) {
      let organizer = m[1]!.trim();
      const province = inferProvince(text);
      if (province && /^省/u.test(organizer)) organizer = `${province}${organizer}`;
      const held = m[2]!.trim();
      const session = held.split('——')[1] ?? '';
      return { title: `${organizer}${held}`, event: session ? `${organizer}新闻发布会${session}` : `${organizer}${held}` };
    }
  }
  return { title: first.slice(0, 60), event: first.slice(0, 60) };
}
