// The parsed shape of a transcript. Offsets here are UTF-16 code units into
// the document's text (what JavaScript strings index by); the public API turns
// them into Unicode code points at the edge (see analysis/codepoints.ts).

export type Role = 'official' | 'reporter' | 'host' | 'narrator';
export type PassageKind = 'lead' | 'statement' | 'question' | 'answer' | 'heading' | 'note';
/** Direct: said in the room, in the speaker's words. Reported: the reporter's summary of what they said. */
export type SpeechMode = 'direct' | 'reported';
export type TranscriptFormat = 'city-briefing' | 'mfa-briefing' | 'plain';

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
  field: 'title' | 'timestamp' | 'editor';
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
  participants: Participant[];
  text: string;
  passages: Passage[];
  exchanges: Exchange[];
  /** Lines that became metadata rather than passages. */
  meta: MetaSpan[];
  warnings: string[];
}
