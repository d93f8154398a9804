// Text → document + passages, for every layout: the head (title, header
// fields, lead) and the roster are read first, then one turn parser assigns
// each paragraph its speaker. Nothing here is specific to a source; what
// sources do differently is in conventions.ts.

import { ANSWERS, INTERVIEW, PRESIDES, ROSTER_HEADER_KEYS, SOLE_STATEMENT, SUBTITLE, TITLE_BODY_ANSWERS } from './conventions.js';
import { readHead, titleAndEvent, type Head } from './head.js';
import { looksLikePersonName } from './labels.js';
import { splitLines, type Line } from './lines.js';
import { findIntroductions, findParticipants, introductionOf, Roster, type Introduction } from './roster.js';
import { matchAs, simplified } from './script.js';
import type { Cast } from './speakers.js';
import { assignTurns, classifyLines } from './turns.js';
import type { RosterEntry, RosterSource, Speaker, TranscriptDocument, TranscriptFormat } from './types.js';

/** Bumped when parsing changes what is stored for a document: stores re-parse documents written by another version. */
export const PARSER_VERSION = 3;

const INTERVIEWED = /(?:采访|专访|访问)了?$/u;
// 就…答记者问, 对《指引》进行了解读, 在…上回答记者提问, 解读《…》, 9日就意见接受采访.
const FOLLOWS_ANSWER = /^(?:\d{1,2}日)?(?:就|(?:[在于对].{0,60}?)?(?:答|回答|接受|发表|进行|作出?|解读))/u;

export function parseTranscript(id: string, text: string): TranscriptDocument {
  const lines = splitLines(text);
  const head = readHead(lines, text);
  const cast = castOf(lines, head, text);
  const roles = classifyLines(lines, head);
  const { out, report } = assignTurns(lines, roles, cast);
  for (const [i, field] of head.meta) if (field !== 'label') out.addMeta(lines[i]!, field);
  out.meta.sort((a, b) => a.start - b.start);
  titleIntroductions(cast.roster, text);
  for (const p of out.passages) {
    const e = p.speaker && p.speaker.role !== 'reporter' && !p.speaker.title ? cast.roster.find(p.speaker.name) : undefined;
    if (e?.title) p.speaker = { ...p.speaker!, title: e.title, org: e.org };
  }

  const attributed = out.passages.some((p) => p.speaker !== null);
  const format = formatOf(head, cast, report.attributions, attributed);
  const warnings = attributed ? head.warnings : ['no speaker labels recognised; indexed as narration'];
  const { title, event } = titleAndEvent(lines, text, head, id);
  const roster = cast.roster.entries;
  return {
    id,
    format,
    title,
    event,
    date: head.date,
    source: head.profile?.source ?? (head.outlet || head.imprint || sourceField(head) || cast.answerer?.org || ''),
    reporter: head.reporters.length ? head.reporters.join('、') : null,
    editor: head.editor,
    participants: roster.filter((e) => e.role === 'official').map(({ name, title: t, org, designation }) => ({ name, title: t, org, designation })),
    roster,
    turns: report,
    text,
    passages: out.passages,
    exchanges: out.exchanges,
    meta: out.meta,
    warnings,
  };
}

function sourceField(head: Head): string {
  return head.headerFields.find((f) => simplified(f.key) === '来源')?.value ?? '';
}

/** Who the head names: the presiding spokesperson, the answerer, the interviewee, the participants, the writer. */
function castOf(lines: Line[], head: Head, text: string): Cast {
  const roster = new Roster();
  let presiding: RosterEntry | null = null;
  let answerer: RosterEntry | null = null;
  const take = (found: Introduction[], line: Line, where: RosterSource, offset = 0) => {
    for (const f of found) {
      const span = { start: line.start + offset + f.start, end: line.start + offset + f.end };
      const next = simplified(f.next);
      // 本报记者采访了商务部部长王文涛: the one interviewed answers.
      const interviewed = INTERVIEWED.test(simplified(line.text.slice(0, offset + f.start)));
      if (PRESIDES.test(next.slice(0, 4)) && !f.body) presiding ??= roster.add({ ...f, role: 'official' }, where, span);
      else if (FOLLOWS_ANSWER.test(next) || (interviewed && !f.body)) answerer ??= roster.add({ ...f, role: 'official' }, where, span);
      else if (!f.body) roster.add({ ...f, role: 'official' }, where, span);
    }
  };
  if (head.titleLine !== null) take(findIntroductions(lines[head.titleLine]!.text), lines[head.titleLine]!, 'title');
  const subtitle = head.subtitleLine !== null ? matchAs(SUBTITLE, lines[head.subtitleLine]!.text)![1]! : null;
  if (subtitle !== null) {
    const line = lines[head.subtitleLine!]!;
    const sub = subtitle;
    const offset = line.text.length - sub.length;
    if (INTERVIEW.test(simplified(sub))) {
      const who = findIntroductions(sub.replace(INTERVIEW, (m) => ' '.repeat(m.length)))[0];
      if (who) answerer ??= roster.add({ ...who, role: 'official' }, 'subtitle', { start: line.start + offset + who.start, end: line.start + offset + who.end });
    } else if (ANSWERS.test(simplified(sub))) take(findIntroductions(sub), line, 'subtitle', offset);
  }
  for (const f of head.headerFields) {
    const role = ROSTER_HEADER_KEYS.get(simplified(f.key));
    if (!role) continue;
    const line = { start: f.valueStart, end: f.valueStart + f.value.length, text: f.value };
    const people = findIntroductions(f.value).filter((x) => !x.body);
    for (const p of people) roster.add({ ...p, role }, 'header', { start: f.valueStart + p.start, end: f.valueStart + p.end });
    if (!people.length) {
      for (const name of f.value.split(/[、，,；;\s]+/u).filter(looksLikePersonName)) {
        const at = f.value.indexOf(name);
        roster.add({ name, title: role === 'host' ? f.key : '', org: '', designation: '', role }, 'header', { start: line.start + at, end: line.start + at + name.length });
      }
    }
  }
  if (head.leadLine !== null) {
    const lead = lines[head.leadLine]!;
    take(findParticipants(lead.text), lead, 'lead');
  }
  // The narrative before the first turn names who answers: 全总负责人就…回答了记者提问.
  // A narrative line that tells who answers (…负责人对《指引》进行了解读) is the writer's, not that official's.
  const introductions = new Set<number>();
  for (const n of head.narrative) {
    const line = lines[n]!;
    const interviewed = (f: Introduction) => INTERVIEWED.test(simplified(line.text.slice(0, f.start)));
    const telling = findIntroductions(line.text).filter((f) => FOLLOWS_ANSWER.test(simplified(f.next)) || interviewed(f));
    if (!telling.length) continue;
    introductions.add(line.start);
    if (!answerer) take(telling.filter((f) => f.body || interviewed(f)), line, 'lead');
  }
  answerer ??= presiding;
  // 全总就规划答记者问: only a body's short name, in the title.
  const bodyOnly = head.titleLine !== null ? matchAs(TITLE_BODY_ANSWERS, head.titleText) : null;
  if (!answerer && bodyOnly) {
    const t = lines[head.titleLine!]!;
    const body = bodyOnly[1]!;
    const at = t.start + (t.text.length - head.titleText.length) + bodyOnly[0]!.indexOf(body);
    answerer = roster.add({ name: body, title: '', org: body, designation: body, role: 'official' }, 'title', { start: at, end: at + body.length });
  }
  const fallback = head.profile?.answerer;
  if (!answerer && fallback) {
    answerer = roster.add({ ...fallback, designation: `${fallback.org}${fallback.title}`, role: 'official' }, 'title', { start: lines[0]!.start, end: lines[0]!.end });
  }
  const interview = subtitle !== null && INTERVIEW.test(simplified(subtitle));
  const askerOutlet = head.outlet || (interview ? head.imprint : '');
  const narrator: Speaker | null =
    head.reporters.length || head.outlet
      ? { name: head.reporters.length ? head.reporters.join('、') : `${head.outlet}记者`, title: '记者', org: head.outlet, role: 'narrator' }
      : null;
  // A writer named in person (王志俭); an outlet's reporter with no name is no one's entry of its own.
  if (narrator && head.reporters.length && head.writerLine !== null) {
    const line = lines[head.writerLine]!;
    roster.add({ name: narrator.name, title: narrator.title, org: narrator.org, designation: '', role: 'narrator' }, head.meta.has(head.writerLine) ? 'byline' : 'lead', line);
  }
  const soleSpeaker = answerer && SOLE_STATEMENT.test(simplified(head.titleText)) ? answerer : null;
  if (head.leadLine !== null) introductions.add(lines[head.leadLine]!.start);
  return { roster, answerer, presiding, soleSpeaker, narrator, askerOutlet, introductions };
}

/** Titles for bare-name speakers, from how the text introduces them (內政部花次長敬群, 唐鳳政委). */
function titleIntroductions(roster: Roster, text: string): void {
  const shadow = simplified(text);
  const people = roster.entries.filter((e) => e.role !== 'reporter' && !e.title && looksLikePersonName(e.name));
  for (const e of people) {
    const surnameUnique = people.filter((p) => simplified(p.name)[0] === simplified(e.name)[0]).length === 1;
    const turns = e.found.filter((f) => f.in === 'label').map((f) => f.start);
    const intro = introductionOf(e.name, text, shadow, surnameUnique ? turns : null);
    if (!intro) continue;
    e.title = intro.title;
    e.org = intro.org;
    e.designation = intro.designation;
    e.found.push({ in: 'introduction', start: intro.start, end: intro.end });
  }
}

function formatOf(head: Head, cast: Cast, attributions: Partial<Record<string, number>>, attributed: boolean): TranscriptFormat {
  if (head.profile) return head.profile.format;
  if (!attributed) return 'plain';
  if (head.subtitleLine !== null && cast.answerer && (attributions.label ?? 0) > 0) {
    const interview = cast.roster.entries.some((e) => e.found.some((f) => f.in === 'subtitle')) && !(attributions['answer-marker'] ?? 0);
    if (interview) return 'interview';
  }
  if ((attributions['answer-marker'] ?? 0) > 0) return 'question-answer';
  if ((attributions.label ?? 0) > 0) return 'press-conference';
  if ((attributions.reported ?? 0) > 0) return 'news-report';
  if ((attributions['single-speaker'] ?? 0) > 0 || (attributions.opening ?? 0) > 0) return 'statement';
  return 'plain';
}
