// The news-report format of provincial and city briefings (the seed):
//   大西北网讯(记者 王志俭) 1月15日,省政府新闻办举行…——张掖专场。…常务副市长刘力江,介绍…
//   张掖市委常委、市政府常务副市长刘力江介绍了…      ← reported speech, up to 记者问答
//   记者问答
//   张掖市融媒体中心记者现场提问
//   记者:…？
//   张掖市招商局局长郝文年:…                        ← answer; unlabelled paragraphs continue it
//   (责任编辑:郑文)

import { PassageAssembler, type Turn } from './assemble.js';
import { inferProvince, inferYear, isoDate } from './dates.js';
import { labelCandidate, reporterOutlet } from './labels.js';
import type { Line } from './lines.js';
import { findParticipants, matchParticipantLabel, resolveAddress } from './roster.js';
import type { Participant, Speaker, TranscriptDocument } from './types.js';

const LEAD = /^(.+?)讯\s*[(（]\s*记者\s*([^)）]+?)\s*[)）]\s*(?:(\d{1,2})月(\d{1,2})日)?/u;
const EDITOR = /^[(（]\s*责任编辑\s*[:：]\s*([^)）]+?)\s*[)）]$/u;
const OUTLET_ASKS = /^(.+?)记者(?:现场)?提问$/u;
const EVENT = /([^，,。；;]+?)举行([^，,。；;]+)/u;

export function looksLikeCityBriefing(lines: Line[]): boolean {
  return (lines[0] !== undefined && LEAD.test(lines[0].text)) || lines.some((l) => OUTLET_ASKS.test(l.text));
}

/** A short line with no sentence punctuation and no label, e.g. 记者问答. */
function isHeadingLine(text: string): boolean {
  return text.length <= 12 && !/[，,。！？!?；;：:、“”"]/u.test(text);
}

function official(p: Participant): Speaker {
  return { name: p.name, title: p.title, org: p.org, role: 'official' };
}

function collectRoster(lines: Line[]): Participant[] {
  const roster: Participant[] = [];
  const add = (p: Participant) => {
    if (!roster.some((r) => r.name === p.name)) roster.push(p);
  };
  for (const line of lines) {
    if (LEAD.test(line.text)) findParticipants(line.text).forEach(add);
    const label = labelCandidate(line.text);
    if (label) findParticipants(label.label).forEach(add);
  }
  return roster;
}

export function parseCityBriefing(id: string, text: string, lines: Line[]): TranscriptDocument {
  const warnings: string[] = [];
  const leadMatch = lines[0] ? LEAD.exec(lines[0].text) : null;
  const source = leadMatch?.[1]?.trim() ?? '';
  const reporter = leadMatch?.[2]?.trim().split(/\s+/u).join('、') ?? null;
  const roster = collectRoster(lines);

  let date: string | null = null;
  if (leadMatch?.[3]) {
    const month = Number(leadMatch[3]);
    const year = inferYear(text, month);
    date = year ? isoDate(year, month, Number(leadMatch[4])) : null;
  }
  if (!date) warnings.push('no date found in the lead');

  const eventMatch = lines[0] ? EVENT.exec(lines[0].text.replace(LEAD, '')) : null;
  let organizer = eventMatch?.[1]?.trim() ?? source;
  const province = inferProvince(text);
  if (province && /^省/u.test(organizer)) organizer = `${province}${organizer}`;
  const held = eventMatch?.[2]?.trim() ?? '';
  const session = held.split('——')[1] ?? '';
  const title = held ? `${organizer}${held}` : lines[0]?.text.slice(0, 40) ?? id;
  const event = session ? `${organizer}新闻发布会${session}` : title;

  const narrator: Speaker | null = reporter ? { name: reporter, title: '记者', org: source, role: 'narrator' } : null;
  const names = roster.map((p) => p.name).join('|');
  const reportedStart = names ? new RegExp(`^[\\u3400-\\u9fff、]{0,30}?(${names})(?:介绍|表示|指出|说|强调|通报)`, 'u') : null;

  const out = new PassageAssembler();
  let pendingOutlet: string | null = null;
  let editor: string | null = null;

  lines.forEach((line, i) => {
    const t = line.text;
    if (i === 0 && leadMatch) {
      out.add(line, { kind: 'lead', speaker: narrator, mode: 'direct' }, 0, true);
      return;
    }
    const ed = EDITOR.exec(t);
    if (ed) {
      editor = ed[1]!;
      out.addMeta(line, 'editor');
      return;
    }
    const asks = OUTLET_ASKS.exec(t);
    if (asks) {
      pendingOutlet = asks[1]!;
      out.add(line, { kind: 'note', speaker: null, mode: null }, 0, true);
      return;
    }
    const cand = labelCandidate(t);
    if (cand) {
      if (cand.label === '记者' || reporterOutlet(cand.label) !== null) {
        const outlet = pendingOutlet ?? reporterOutlet(cand.label) ?? '';
        pendingOutlet = null;
        const speaker: Speaker = { name: `${outlet}记者`, title: '记者', org: outlet, role: 'reporter' };
        const addressee = resolveAddress(t.slice(cand.bodyOffset), roster)?.name ?? null;
        out.add(line, { kind: 'question', speaker, mode: 'direct' }, cand.bodyOffset, true, addressee);
        return;
      }
      const who = matchParticipantLabel(cand.label, roster);
      if (who) {
        const kind = out.hasOpenExchange ? 'answer' : 'statement';
        out.add(line, { kind, speaker: official(who), mode: 'direct' }, cand.bodyOffset, true);
        return;
      }
    }
    if (isHeadingLine(t)) {
      out.add(line, { kind: 'heading', speaker: null, mode: null }, 0, true);
      return;
    }
    const rep = !out.inQuestionAndAnswer && reportedStart ? reportedStart.exec(t) : null;
    if (rep) {
      const who = roster.find((p) => p.name === rep[1])!;
      out.add(line, { kind: 'statement', speaker: official(who), mode: 'reported' }, 0, true);
      return;
    }
    out.add(line, continuation(out.current, narrator), 0, false);
  });

  return {
    id,
    format: 'city-briefing',
    title,
    event,
    date,
    source,
    reporter,
    editor,
    participants: roster,
    text,
    passages: out.passages,
    exchanges: out.exchanges,
    meta: out.meta,
    warnings,
  };
}

function continuation(current: Turn | null, narrator: Speaker | null): Turn {
  if (!current || current.kind === 'lead' || current.kind === 'heading') {
    return { kind: 'statement', speaker: narrator, mode: 'direct' };
  }
  return current;
}
