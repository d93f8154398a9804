// Citations for a quoted span: W3C Web Annotation selectors, a permalink with
// a URL text fragment, and GB/T 7714-2015, APA and plain-Chinese attributions.

import type { EngineDocument, IndexedPassage } from '../index/engine.js';
import { writtenTraditional } from '../parse/script.js';
import type { Speaker } from '../parse/types.js';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface Citation {
  gbt7714: string;
  apa: string;
  text: string;
}

const CONTEXT = 32;

/**
 * Prefix and suffix of 32 code points, widened until prefix+exact+suffix
 * occurs once in the document (the selector must pick out one place).
 */
export function quoteSelector(docText: string, start16: number, end16: number): TextQuoteSelector {
  const exact = docText.slice(start16, end16);
  for (let width = CONTEXT; ; width += 16) {
    const from = stepBack(docText, start16, width);
    const to = stepForward(docText, end16, width);
    const whole = docText.slice(from, to);
    const first = docText.indexOf(whole);
    const unique = first >= 0 && docText.indexOf(whole, first + 1) < 0;
    if (unique || (from === 0 && to === docText.length)) {
      return { type: 'TextQuoteSelector', exact, prefix: docText.slice(from, start16), suffix: docText.slice(end16, to) };
    }
  }
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The UTF-16 offset `n` code points before `at` (or 0). */
function stepBack(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i > 0; k++) i -= i >= 2 && isLow(text.charCodeAt(i - 1)) ? 2 : 1;
  return i;
}

/** The UTF-16 offset `n` code points after `at` (or the end). */
function stepForward(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i < text.length; k++) i += isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  return Math.min(i, text.length);
}

/** Percent-encoding for a text directive: `-`, `,` and `&` are its syntax. */
function encodeDirective(s: string): string {
  return encodeURIComponent(s).replace(/-/gu, '%2D');
}

const FRAGMENT_CONTEXT = 10;

/** A passage in the page's transcript view, `<base>/documents/<id>#p<n>` (base '' for a path): where every citation and export links. */
export function passageUrl(base: string, docId: string, anchor: string): string {
  return `${base}/documents/${encodeURIComponent(docId)}#${anchor}`;
}

/**
 * `/documents/<id>#p<n>:~:text=prefix-,exact,-suffix`. Context stays inside
 * the passage (browsers match a text directive within one block); a quote that
 * runs into the next paragraph uses the textStart,textEnd form.
 */
/** `text` is the document's. */
export function permalink(doc: EngineDocument, text: string, passages: IndexedPassage[], start16: number, end16: number): string {
  const first = passages[0]!;
  const last = passages[passages.length - 1]!;
  const prefix = [...text.slice(first.bodyStart, start16)].slice(-FRAGMENT_CONTEXT).join('');
  const suffix = [...text.slice(end16, last.span.end)].slice(0, FRAGMENT_CONTEXT).join('');
  const parts: string[] = [];
  if (prefix.trim()) parts.push(`${encodeDirective(prefix)}-`);
  if (first === last) {
    parts.push(encodeDirective(text.slice(start16, end16)));
  } else {
    parts.push(encodeDirective(text.slice(start16, first.span.end)), encodeDirective(text.slice(last.bodyStart, end16)));
  }
  if (suffix.trim()) parts.push(`-${encodeDirective(suffix)}`);
  return `${passageUrl('', doc.id, `p${first.n}`)}:~:text=${parts.join(',')}`;
}

/** The day of citing: today on this machine's calendar, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 2024年1月15日, as transcripts and citations write a date; '' for none. */
export function chineseDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How the transcript introduces the speaker: 张掖市招商局局长, 外交部发言人. */
export function designationOf(doc: EngineDocument, speaker: Speaker): string {
  const p = doc.participants.find((x) => x.name === speaker.name);
  if (p?.designation) return p.designation;
  return `${speaker.org}${speaker.title}`;
}

export interface CitationInput {
  doc: EngineDocument;
  speaker: Speaker | null;
  mode: 'direct' | 'reported' | null;
  kind: IndexedPassage['kind'];
  quote: string;
  /** Absolute URL of the passage. */
  url: string;
  /** YYYY-MM-DD: the day the citation is made. */
  accessed: string;
}

/**
 * The plain-Chinese attribution's own words and quotation marks, in the script the transcript is written
 * in: a Taiwan cabinet transcript's citation read "唐鳳（數位部部長）在…記者會上说：“…”", where
 * Taiwan writes 說 and 「」 (and 報導). A quote's own quotation marks become the inner ones
 * (“双重威胁” inside “…” reads ‘双重威胁’), as the standard for each script nests them.
 */
const ATTRIBUTION_WORDS = {
  simplified: { according: '据', reported: '报道', reporter: '记者', introduced: '介绍', asked: '提问', said: '说', marks: ['“', '”'], inner: ['‘', '’'] },
  traditional: { according: '據', reported: '報導', reporter: '記者', introduced: '介紹', asked: '提問', said: '說', marks: ['「', '」'], inner: ['『', '』'] },
} as const;

type AttributionWords = (typeof ATTRIBUTION_WORDS)[keyof typeof ATTRIBUTION_WORDS];

/** The transcript's script, from its title, its event and the quote (cut from its text, as written). */
function attributionWords(doc: Pick<EngineDocument, 'title' | 'event'>, quote: string): AttributionWords {
  return ATTRIBUTION_WORDS[writtenTraditional(doc.title + doc.event + quote) ? 'traditional' : 'simplified'];
}

/** The quote in the script's quotation marks, its own marks nested inside them. */
function quoted(w: AttributionWords, quote: string): string {
  const [open, close] = w.marks;
  const inner = quote.replaceAll(open, w.inner[0]).replaceAll(close, w.inner[1]);
  return `${open}${inner}${close}`;
}

/**
 * A quote that runs over paragraphs as one sentence: "…政策体系。\n三是…" broke the citation's line where
 * it is pasted. Chinese joins with nothing; a space stays between two Latin letters or digits.
 */
function runningText(quote: string): string {
  return quote.replace(/[^\S\r\n]*[\r\n]+\s*/gu, (m: string, at: number) => (/[A-Za-z0-9]/u.test(quote[at - 1] ?? '') && /[A-Za-z0-9]/u.test(quote[at + m.length] ?? '') ? ' ' : ''));
}

/** The speaker's name, with how the transcript introduces them unless the name says it already (商务部新闻发言人). */
function namedWithDesignation(doc: EngineDocument, speaker: Speaker): string {
  const designation = designationOf(doc, speaker);
  return designation && !speaker.name.includes(designation) ? `${speaker.name}（${designation}）` : speaker.name;
}

export function citation({ doc, speaker, mode, kind, quote, url, accessed }: CitationInput): Citation {
  // The first of these the transcript names: a Taiwan cabinet transcript names no publisher (source ''),
  // and its citations began ". 題名".
  const author = doc.reporter || doc.source || doc.event;
  const published = doc.date ?? 'n.d.';
  const gbt7714 = `${author ? `${author}. ` : ''}${doc.title}[EB/OL]. (${published})[${accessed}]. ${url}.`;

  const [y, m, d] = (doc.date ?? '').split('-').map(Number);
  const apaDate = doc.date ? `${y}, ${MONTHS[m! - 1]} ${d}` : 'n.d.';
  const site = !doc.source || author === doc.source ? '' : ` ${doc.source}.`;
  // With no author, APA puts the title first.
  const apa = author
    ? `${author}. (${apaDate}). ${doc.title} [Press conference transcript].${site} ${url}`
    : `${doc.title} [Press conference transcript]. (${apaDate}).${site} ${url}`;

  const when = `${chineseDate(doc.date)}${doc.event}`;
  const w = attributionWords(doc, quote);
  const running = runningText(quote);
  let text: string;
  if (!speaker) {
    text = `${when}：${quoted(w, running)}`;
  } else if (speaker.role === 'narrator') {
    text = `${w.according}${doc.source}${w.reported}（${w.reporter}${speaker.name}），${running}`;
  } else if (mode === 'reported') {
    // The reporter's summary of what was said: never put in quotation marks as the speaker's words.
    text = `${w.according}${doc.source}${w.reported}，${namedWithDesignation(doc, speaker)}在${when}上${w.introduced}，${running}`;
  } else if (kind === 'question') {
    text = `${speaker.name}在${when}上${w.asked}：${quoted(w, running)}`;
  } else {
    text = `${namedWithDesignation(doc, speaker)}在${when}上${w.said}：${quoted(w, running)}`;
  }
  return { gbt7714, apa, text };
}
