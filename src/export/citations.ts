// Citations for reference managers: a quoted span (a quote check's match, or a
// search hit's spoken words) as a CSL-JSON item, the format Zotero, Mendeley
// and citeproc read, and from it BibTeX and RIS through citation-js. Names,
// titles and quotes stay as the transcript writes them (Traditional included).

import type { Engine, EngineDocument } from '../index/engine.js';
import { designationOf, passageUrl } from '../quote/citation.js';
import type { QuoteMatch } from '../quote/quote.js';
import type { SearchHit } from '../search/search.js';

export const CITATION_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** What a file of each format is served as, and the extension its name ends in. */
export const CITATION_FILES: Record<CitationFormat, { contentType: string; extension: string }> = {
  'csl-json': { contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
  bibtex: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
};

/**
 * A span of one document to cite, as a quote check's match gives it (offsets in code points), with the
 * document by id and `url` absolute (with a text fragment where there is one).
 */
export type CitableSpan = Pick<QuoteMatch, 'speaker' | 'kind' | 'mode' | 'quote' | 'start' | 'end' | 'passages' | 'url'> & { docId: string };

type DateVariable = { 'date-parts': number[][] };
type Name = { literal: string };

/** A CSL-JSON item (CSL 1.0.2 input schema), the fields huayu fills in. */
export interface CslItem {
  id: string;
  type: 'speech' | 'interview';
  title: string;
  author?: Name[];
  interviewer?: Name[];
  event: string;
  genre: string;
  /** Absent when the transcript names no publisher. */
  publisher?: string;
  issued?: DateVariable;
  accessed: DateVariable;
  URL: string;
  /** The exact quote, as the source writes it. */
  note: string;
  language: string;
  custom: { quote: { start: number; end: number; passages: string[]; mode: string | null; designation: string | null } };
}

const GENRE: Record<string, string> = {
  question: '记者提问',
  answer: '答记者问',
  statement: '发布会发言',
};

function dateParts(iso: string): DateVariable {
  return { 'date-parts': [iso.split('-').map(Number)] };
}

function genreOf(doc: EngineDocument, span: CitableSpan): string {
  const genre = doc.format === 'interview' ? '采访实录' : (GENRE[span.kind] ?? '新闻发布会实录');
  // The reporter's summary of what was said: never the speaker's own words.
  return span.mode === 'reported' ? `${genre}（记者转述，非原话）` : genre;
}

/** The CSL-JSON item of one span; `accessed` is the day of citing, YYYY-MM-DD. */
export function cslItem(engine: Engine, span: CitableSpan, accessed: string): CslItem {
  const doc = engine.docs[engine.docById.get(span.docId)!]!;
  const interview = doc.format === 'interview';
  // Chinese names are one string, not a family and a given name: CSL's literal keeps them whole.
  const author = span.speaker ? [{ literal: span.speaker.name }] : doc.reporter ? [{ literal: doc.reporter }] : undefined;
  return {
    id: `${doc.id}:${span.start}-${span.end}`,
    type: interview ? 'interview' : 'speech',
    title: doc.title,
    ...(author ? { author } : {}),
    ...(interview && doc.reporter && doc.reporter !== span.speaker?.name ? { interviewer: [{ literal: doc.reporter }] } : {}),
    event: doc.event,
    genre: genreOf(doc, span),
    ...(doc.source ? { publisher: doc.source } : {}),
    ...(doc.date ? { issued: dateParts(doc.date) } : {}),
    accessed: dateParts(accessed),
    URL: span.url,
    note: span.quote,
    language: 'zh',
    custom: {
      quote: {
        start: span.start,
        end: span.end,
        passages: span.passages,
        mode: span.mode,
        designation: span.speaker && span.speaker.role !== 'narrator' ? designationOf(doc, span.speaker) || null : null,
      },
    },
  };
}

/** A quote check's match: the verbatim source span, linked with its text fragment. */
export function spanOfMatch(m: QuoteMatch, baseUrl: string): CitableSpan {
  return { docId: m.doc.id, speaker: m.speaker, kind: m.kind, mode: m.mode, quote: m.quote, start: m.start, end: m.end, passages: m.passages, url: `${baseUrl}${m.url}` };
}

/** A search hit: the passage's words after its speaker label. */
export function spanOfHit(hit: SearchHit, baseUrl: string): CitableSpan {
  // Code points, as the hit's offsets are: bodyStart - start characters of label before the words.
  const quote = Array.from(hit.text).slice(hit.bodyStart - hit.start).join('');
  return {
    docId: hit.doc.id,
    speaker: hit.speaker,
    kind: hit.kind,
    mode: hit.mode,
    quote,
    start: hit.bodyStart,
    end: hit.end,
    passages: [hit.id],
    url: passageUrl(baseUrl, hit.doc.id, hit.anchor),
  };
}
