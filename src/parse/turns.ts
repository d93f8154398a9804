// The turn parser: one engine for every layout. It reads each line as
// metadata, a caption or stage line, a heading, a labelled turn or an
// unlabelled paragraph, resolves labels against the document's roster, and
// carries the current turn over unlabelled paragraphs.

import { PassageAssembler, type Turn } from './assemble.js';
import { ASKER_ANNOUNCEMENT } from './conventions.js';
import { isCaption, isStageLine, type Head } from './head.js';
import { findLabel, looksLikePersonName, readLabel, type LabelMatch, type LabelReading } from './labels.js';
import type { Line } from './lines.js';
import { reportedSpeaker } from './reported.js';
import { resolveAddress, spellsName } from './roster.js';
import { simplified } from './script.js';
import { asks, asSpeaker, SpeakerResolver, type Cast } from './speakers.js';
import type { LabelShape, Speaker, TurnReport } from './types.js';


type LineRole =
  | { role: 'meta' }
  | { role: 'caption' | 'stage' | 'heading' | 'text' | 'lead' }
  | { role: 'announce'; outlet: string }
  | { role: 'label'; match: LabelMatch; reading: LabelReading };

const SENTENCE_PUNCT = /[，,。！？!?；;：:]/u;

/** A short line with no sentence punctuation: 记者问答, 第一条消息, 坚持惠民生和促消费紧密结合, 一、关于…. */
function isHeading(t: string): boolean {
  return t.length <= 30 && !SENTENCE_PUNCT.test(t.replace(/^[一二三四五六七八九十]+、/u, ''));
}

/** Labels a document uses on two lines or more are its own convention, whatever they look like. */
function labelCounts(matches: ReadonlyArray<LabelMatch | null>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of matches) if (m) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
  return counts;
}

function accepted(match: LabelMatch, reading: LabelReading, body: string, count: number, hanNames: readonly string[]): boolean {
  const shaped = match.shape !== 'colon';
  switch (reading.type) {
    case 'asker':
    case 'answer':
    case 'host':
      return true;
    case 'person':
      // An English name counts when the transcript's own labels use it, or it spells one of them (Yi Gang beside 易纲).
      return !reading.latin || shaped || count >= 2 || hanNames.some((n) => spellsName(reading.name, n));
    case 'outlet':
      return !reading.weak || shaped || count >= 2 || asks(body);
    case 'unknown':
      return shaped || count >= 2;
  }
}

export function classifyLines(lines: Line[], head: Head): LineRole[] {
  const matches = lines.map((l) => findLabel(l.text));
  const counts = labelCounts(matches);
  const hanNames = [...counts.keys()].filter(looksLikePersonName);
  return lines.map((line, i): LineRole => {
    if (head.meta.has(i)) return { role: 'meta' };
    const t = line.text;
    if (i === head.leadLine) return { role: 'lead' };
    if (isCaption(t)) return { role: 'caption' };
    if (isStageLine(t)) return { role: 'stage' };
    const announce = t.endsWith('提问') || t.endsWith('提問') ? ASKER_ANNOUNCEMENT.exec(simplified(t)) : null;
    if (announce) return { role: 'announce', outlet: t.slice(0, announce[1]!.length) };
    const match = matches[i]!;
    if (match) {
      const reading = readLabel(match.label);
      const body = match.alone ? (lines[i + 1]?.text ?? '') : t.slice(match.bodyOffset);
      if (reading && accepted(match, reading, body, counts.get(match.label) ?? 0, hanNames)) return { role: 'label', match, reading };
    }
    if (isHeading(t) && !/^[#*]/u.test(t)) return { role: 'heading' };
    return { role: 'text' };
  });
}

interface Current extends Turn {
  /** Direct speech of a labelled or named turn: unlabelled paragraphs continue it. */
  direct: boolean;
}

export interface TurnsResult {
  out: PassageAssembler;
  report: TurnReport;
}

export function assignTurns(lines: Line[], roles: LineRole[], cast: Cast): TurnsResult {
  const { roster } = cast;
  const out = new PassageAssembler();
  const report: TurnReport = { attributions: {}, labelShapes: {} };
  // Reported speech is looked for wherever a writer narrates: not where a presiding spokesperson's openings come unlabelled.
  const narrated = cast.narrator !== null || roles.some((r) => r.role === 'lead') || cast.presiding === null;
  let current: Current | null = null;
  const speakers = new SpeakerResolver(cast);
  let pending: Turn | null = null;
  let turnsSeen = false;

  const lastKind = () => out.passages.findLast((p) => p.kind !== 'note' && p.kind !== 'heading')?.kind;
  const noteShape = (shape: LabelShape) => (report.labelShapes[shape] = (report.labelShapes[shape] ?? 0) + 1);

  const turnFor = (speaker: Speaker | null, reading: LabelReading): Turn => {
    const attribution = reading.type === 'answer' ? (speaker ? 'answer-marker' : 'unattributed') : 'label';
    if (speaker?.role === 'reporter' || (reading.type === 'asker' && !speaker)) return { kind: 'question', speaker, mode: 'direct', attribution };
    // A host answers a question put to the podium (国台办's 主持人朱凤莲); after an answer, a host's words are a statement.
    if (speaker?.role === 'host') return { kind: out.hasOpenExchange && lastKind() === 'question' ? 'answer' : 'statement', speaker, mode: 'direct', attribution };
    return { kind: out.hasOpenExchange ? 'answer' : 'statement', speaker, mode: 'direct', attribution };
  };

  const add = (line: Line, turn: Turn, bodyOffset: number, labelled: boolean) => {
    let addressee: string | null = null;
    if (turn.kind === 'question' && labelled) addressee = resolveAddress(line.text.slice(bodyOffset), roster.entries)?.name ?? null;
    out.add(line, turn, bodyOffset, labelled, addressee);
    report.attributions[turn.attribution] = (report.attributions[turn.attribution] ?? 0) + 1;
  };

  /** The same speaker labelled again with nothing between (### 唐鳳： before every paragraph) continues the turn. */
  const sameAsCurrent = (turn: Turn) =>
    current !== null && current.direct && current.kind === turn.kind && current.speaker?.name === turn.speaker?.name && current.speaker?.role === turn.speaker?.role;

  const startTurn = (line: Line, turn: Turn, bodyOffset: number) => {
    const again = sameAsCurrent(turn);
    if (turn.kind === 'question' && turn.speaker) speakers.lastQuestioner = turn.speaker;
    add(line, again ? { ...turn, kind: current!.kind } : turn, bodyOffset, !again);
    current = { ...turn, kind: again ? current!.kind : out.passages[out.passages.length - 1]!.kind, direct: true };
    turnsSeen = true;
  };

  lines.forEach((line, i) => {
    const r = roles[i]!;
    switch (r.role) {
      case 'meta':
        return;
      case 'stage':
        // （笑） right under a label alone on its line is what that speaker did.
        if (pending && !line.text.startsWith('>')) break;
        add(line, { kind: 'note', speaker: null, mode: null, attribution: r.role }, 0, true);
        return;
      case 'caption':
        add(line, { kind: 'note', speaker: null, mode: null, attribution: r.role }, 0, true);
        return;
      case 'announce':
        speakers.pendingOutlet = r.outlet;
        add(line, { kind: 'note', speaker: null, mode: null, attribution: 'stage' }, 0, true);
        return;
      case 'heading':
        if (pending) break;
        add(line, { kind: 'heading', speaker: null, mode: null, attribution: 'heading' }, 0, true);
        return;
      case 'lead':
        add(line, { kind: 'lead', speaker: cast.narrator, mode: cast.narrator ? 'direct' : null, attribution: 'lead' }, 0, true);
        current = { kind: 'lead', speaker: cast.narrator, mode: null, attribution: 'lead', direct: false };
        return;
      case 'label': {
        noteShape(r.match.shape);
        const body = r.match.alone ? (lines[i + 1]?.text ?? '') : line.text.slice(r.match.bodyOffset);
        const speaker = speakers.resolve(r.reading, body, { start: line.start, end: line.start + r.match.label.length + 2 });
        const turn = turnFor(speaker, r.reading);
        if (r.match.alone) {
          out.addMeta(line, 'label');
          pending = turn;
          return;
        }
        pending = null;
        startTurn(line, turn, r.match.bodyOffset);
        return;
      }
      case 'text':
        break;
    }
    // An unlabelled paragraph (or a heading-shaped line right after a label alone on its line).
    if (pending) {
      startTurn(line, pending, 0);
      pending = null;
      return;
    }
    if (current?.direct) {
      add(line, { kind: current.kind, speaker: current.speaker, mode: current.mode, attribution: 'continuation' }, 0, false);
      return;
    }
    if (cast.introductions.has(line.start)) {
      add(line, { kind: 'statement', speaker: cast.narrator, mode: cast.narrator ? 'direct' : null, attribution: 'narration' }, 0, true);
      current = null;
      return;
    }
    if (narrated) {
      const who = reportedSpeaker(line.text, line.start, roster);
      if (who) {
        const turn: Turn = { kind: 'statement', speaker: asSpeaker(who), mode: 'reported', attribution: 'reported' };
        add(line, turn, 0, true);
        current = { ...turn, direct: false };
        return;
      }
    }
    if (current?.attribution === 'reported') {
      // A paragraph that opens by speaking of the speaker by name (当姜鹏从…接过) is the writer's again, not the speaker's.
      const speakerName = current.speaker?.name ?? '';
      const firstClause = simplified(/^[^，,。；;！？!?]*/u.exec(line.text)![0]);
      if (!speakerName || !firstClause.includes(simplified(speakerName))) {
        add(line, { kind: current.kind, speaker: current.speaker, mode: current.mode, attribution: 'continuation' }, 0, false);
        return;
      }
      current = null;
    }
    // Before the first turn, whoever the title says presides; in a text without labels, its one official.
    const opening = !turnsSeen && cast.presiding !== null;
    const sole = opening ? cast.presiding : cast.soleSpeaker;
    if (sole) {
      const turn: Turn = { kind: 'statement', speaker: asSpeaker(sole), mode: 'direct', attribution: opening ? 'opening' : 'single-speaker' };
      add(line, turn, 0, false);
      current = { ...turn, direct: true };
      return;
    }
    add(line, { kind: 'statement', speaker: cast.narrator, mode: cast.narrator ? 'direct' : null, attribution: 'narration' }, 0, true);
  });
  // The writer's narrative before the first turn is the lead (a text with no turns at all has none).
  const firstTurn = out.passages.findIndex((p) => p.kind === 'question' || p.kind === 'answer' || (p.kind === 'statement' && p.attribution !== 'narration'));
  for (const p of out.passages.slice(0, Math.max(firstTurn, 0))) if (p.attribution === 'narration') p.kind = 'lead';
  return { out, report };
}
