// The parsed shape of a transcript. Offsets here are UTF-16 code units into
// the document's text (what JavaScript strings index by); the public API turns
// them into Unicode code points at the edge (see analysis/codepoints.ts).

export type Role = 'official' | 'reporter' | 'host' | 'narrator';
export type PassageKind = 'lead' | 'statement' | 'question' | 'answer' | 'heading' | 'note';
/** Direct: said in the room, in the speaker's words. Reported: the reporter's summary of what they said. */
export type SpeechMode = 'direct' | 'reported';
/**
 * The layout family the turn parser recognised: a named profile of
 * conventions.ts (city-briefing, mfa-briefing), or what the turns themselves
 * show: labelled speakers, 问/答 markers, an interview, a news report in
 * reported speech, one official's statement, or plain narration.
 */
export type TranscriptFormat =
  | 'city-briefing'
  | 'mfa-briefing'
  | 'press-conference'
  | 'question-answer'
  | 'interview'
  | 'news-report'
  | 'statement'
  | 'plain';

export interface Speaker {
  name: string;
  title: string;
  org: string;
  role: Role;
}

export interface Participant {
  name: string;
  title: string;
  org: string;
  /** The designation as the transcript writes it, e.g. 张掖市委常委、市政府常务副市长. */
  designation: string;
}

/** Where a roster entry was found: the title line, a header field (发布人：…), the lead, a label, a host's introduction… */
export type RosterSource = 'title' | 'subtitle' | 'header' | 'lead' | 'byline' | 'imprint' | 'label' | 'introduction' | 'reported';

/** One person or body of a document, with every place the document names them. */
export interface RosterEntry extends Participant {
  role: Role;
  /** Other spellings of the same entry in this document: an English label (Yi Gang), 答, a surname + title (梁局长). */
  aliases: string[];
  /** UTF-16 offsets into the document's text, in order of appearance. */
  found: Array<{ in: RosterSource } & Span>;
}

/**
 * How a passage's speaker was decided: from its own label, by continuing the
 * turn before it, from 答 and the answerer the title or lead names, as
 * reported speech, or not at all (speaker null, with the reason).
 */
export type Attribution =
  | 'label'
  | 'continuation'
  | 'answer-marker'
  | 'opening'
  | 'reported'
  | 'single-speaker'
  | 'lead'
  | 'narration'
  | 'heading'
  | 'caption'
  | 'stage'
  | 'unattributed';

/** A half-open range [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

export interface Passage {
  /** Position in the document, 1-based: the anchor is `p${n}`. */
  n: number;
  kind: PassageKind;
  speaker: Speaker | null;
  mode: SpeechMode | null;
  /** The whole paragraph, label included, without surrounding white space. */
  span: Span;
  /** Where the words begin after a speaker label (`汪文斌：`); equals span.start when there is none. */
  bodyStart: number;
  /** The enumerated heading this paragraph opens (一是…。 / …方面，), if any. */
  heading: string | null;
  /** Index into TranscriptDocument.exchanges for questions and answers. */
  exchange: number | null;
  /** How the speaker was decided; for speaker null, why there is none. */
  attribution: Attribution;
}

export interface Exchange {
  /** Passage numbers (n). */
  question: number;
  answers: number[];
  answeredBy: string | null;
  addressee: string | null;
  outlet: string;
}

export interface MetaSpan extends Span {
  /** label: a speaker label alone on its line (### 唐鳳：), whose speech follows on the next lines. */
  field: 'title' | 'subtitle' | 'timestamp' | 'editor' | 'header' | 'byline' | 'imprint' | 'label';
}

export interface TranscriptDocument {
  id: string;
  format: TranscriptFormat;
  title: string;
  /** Short name of the event for citations (甘肃省政府新闻办新闻发布会张掖专场). */
  event: string;
  /** YYYY-MM-DD, or null when the text gives no date. */
  date: string | null;
  source: string;
  reporter: string | null;
  editor: string | null;
  /** The roster's officials, as the transcript introduces them (kept for citations and the speaker index). */
  participants: Participant[];
  /** Everyone the document names as speaking or presiding, with where each was found. */
  roster: RosterEntry[];
  /** How the turns were found: passages per attribution, label shapes seen. */
  turns: TurnReport;
  text: string;
  passages: Passage[];
  exchanges: Exchange[];
  /** Lines that became metadata rather than passages. */
  meta: MetaSpan[];
  warnings: string[];
}

export interface TurnReport {
  /** Passages per attribution. */
  attributions: Partial<Record<Attribution, number>>;
  /** Labelled lines per shape: colon (名字：), alone (on its own line), markdown (### / **), bracket (【】 []). */
  labelShapes: Partial<Record<LabelShape, number>>;
}

export type LabelShape = 'colon' | 'alone' | 'markdown' | 'bracket';
