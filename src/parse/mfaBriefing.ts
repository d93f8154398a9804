// The Foreign Ministry's format (../shared/corpus-real):
//   2021年11月1日外交部发言人汪文斌主持例行记者会       ← title: date and spokesperson
//   2021-11-01 19:57                                    ← page timestamp (optional)
//   应…邀请，…将…                                       ← opening announcements, said by the spokesperson
//   法新社记者：…？ / 问：…  / 追问：… / 中新社：…      ← questions
//   汪文斌：… / 答：…                                    ← answers, continuing over unlabelled paragraphs
//   （现场播放视频）                                     ← stage note

import { PassageAssembler, type Turn } from './assemble.js';
import { isoDate } from './dates.js';
import { isStageNote, labelCandidate, looksLikeOutlet, looksLikePersonName, reporterOutlet, stripTitleMarks } from './labels.js';
import type { Line } from './lines.js';
import type { Participant, Speaker, TranscriptDocument } from './types.js';

const MFA_TITLE = /外交部.*?(?:发言人|例行记者会|答记者问)/u;
const TITLE_SPOKESPERSON = /发言人([\u4e00-\u9fff]{2,3}?)(?:主持|就|答|在|发表)/u;
const TITLE_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/u;
const TITLE_ISO_DATE = /(\d{4})-(\d{2})-(\d{2})/u;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const FOLLOW_UP = /^(?:记者)?追问$/u;
const ASKED_AFTER = /问及$/u;

export function looksLikeMfaBriefing(lines: Line[]): boolean {
  return lines[0] !== undefined && MFA_TITLE.test(lines[0].text);
}

const UNKNOWN_REPORTER: Speaker = { name: '记者', title: '记者', org: '', role: 'reporter' };

export function parseMfaBriefing(id: string, text: string, lines: Line[]): TranscriptDocument {
  const warnings: string[] = [];
  const titleLine = lines[0]!;
  const title = titleLine.text;
  const named = TITLE_SPOKESPERSON.exec(title)?.[1];
  const spokesperson: Participant = named
    ? { name: named, title: '发言人', org: '外交部', designation: '外交部发言人' }
    : { name: '外交部发言人', title: '发言人', org: '外交部', designation: '外交部发言人' };
  const participants: Participant[] = [spokesperson];

  const out = new PassageAssembler();
  out.addMeta(titleLine, 'title');
  let body = lines.slice(1);
  let date: string | null = null;
  const dm = TITLE_DATE.exec(title) ?? TITLE_ISO_DATE.exec(title);
  if (dm) date = isoDate(Number(dm[1]), Number(dm[2]), Number(dm[3]));
  const ts = body[0] ? TIMESTAMP.exec(body[0].text) : null;
  if (ts) {
    out.addMeta(body[0]!, 'timestamp');
    date ??= isoDate(Number(ts[1]), Number(ts[2]), Number(ts[3]));
    body = body.slice(1);
  }
  if (!date) warnings.push('no date in the title or timestamp');

  const official = (name: string): Speaker => {
    let p = participants.find((x) => x.name === name);
    if (!p) {
      p = { name, title: '', org: '', designation: '' };
      participants.push(p);
    }
    return { name: p.name, title: p.title, org: p.org, role: 'official' };
  };
  const spokespersonSpeaker = official(spokesperson.name);
  const opening: Turn = { kind: 'statement', speaker: spokespersonSpeaker, mode: 'direct' };
  let lastQuestioner: Speaker = UNKNOWN_REPORTER;

  const question = (line: Line, speaker: Speaker, bodyOffset: number) => {
    lastQuestioner = speaker;
    out.add(line, { kind: 'question', speaker, mode: 'direct' }, bodyOffset, true);
  };
  const officialTurn = (line: Line, speaker: Speaker, bodyOffset: number) => {
    const kind = out.hasOpenExchange ? 'answer' : 'statement';
    out.add(line, { kind, speaker, mode: 'direct' }, bodyOffset, true);
  };

  for (const line of body) {
    const t = line.text;
    if (isStageNote(t)) {
      out.add(line, { kind: 'note', speaker: null, mode: null }, 0, true);
      continue;
    }
    const cand = labelCandidate(t);
    if (cand) {
      const { label, bodyOffset } = cand;
      const words = t.slice(bodyOffset);
      if (label === '问' || ASKED_AFTER.test(label)) {
        question(line, UNKNOWN_REPORTER, bodyOffset);
        continue;
      }
      if (FOLLOW_UP.test(label)) {
        question(line, lastQuestioner, bodyOffset);
        continue;
      }
      const outlet = reporterOutlet(label);
      if (outlet !== null) {
        question(line, { name: label, title: '记者', org: outlet, role: 'reporter' }, bodyOffset);
        continue;
      }
      if (label === '答') {
        officialTurn(line, spokespersonSpeaker, bodyOffset);
        continue;
      }
      if (label === '主持人') {
        out.add(line, { kind: 'statement', speaker: { name: label, title: '主持人', org: '', role: 'host' }, mode: 'direct' }, bodyOffset, true);
        continue;
      }
      if (label === spokesperson.name || looksLikePersonName(label)) {
        officialTurn(line, official(label), bodyOffset);
        continue;
      }
      if (looksLikeOutlet(label) && /[？?]/u.test(words)) {
        question(line, { name: label, title: '', org: stripTitleMarks(label), role: 'reporter' }, bodyOffset);
        continue;
      }
    }
    out.add(line, out.current ?? opening, 0, false);
  }

  return {
    id,
    format: 'mfa-briefing',
    title,
    event: /答记者问/u.test(title) ? '外交部发言人答记者问' : '外交部例行记者会',
    date,
    source: '外交部',
    reporter: null,
    editor: null,
    participants,
    text,
    passages: out.passages,
    exchanges: out.exchanges,
    meta: out.meta,
    warnings,
  };
}
