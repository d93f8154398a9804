// The JSON API as the page sees it. The shapes are restated here rather than
// imported from the server code so the browser build stays free of Node modules;
// the API tests pin the server side of the same contract.

export type Kind = 'lead' | 'statement' | 'question' | 'answer' | 'heading' | 'note';
export type Mode = 'direct' | 'reported';

export interface Speaker {
  name: string;
  title: string;
  org: string;
  role: string;
}
export interface DocRef {
  id: string;
  title: string;
  date: string | null;
}
export interface Span {
  start: number;
  end: number;
}
export interface Exchange {
  question: string;
  answers: string[];
  answeredBy: { name: string } | null;
  addressee: { name: string } | null;
  outlet: string;
}
export interface Passage extends Span {
  id: string;
  anchor: string;
  doc: DocRef;
  speaker: Speaker | null;
  kind: Kind;
  mode: Mode | null;
  text: string;
  bodyStart: number;
  topics: string[];
  exchange: Exchange | null;
}
export interface Hit extends Passage {
  marks: Span[];
  snippet: Span;
  score: number;
  match: 'passage' | 'exchange' | 'partial';
}
export interface Understood {
  speakers: string[];
  outlets: string[];
  words: string[];
  phrases: string[];
  dropped: string[];
  synonyms: Record<string, string[]>;
}
export interface Facet {
  name: string;
  count: number;
}
export interface SearchResponse {
  query: string;
  total: number;
  took_ms: number;
  understood: Understood;
  matching: { passage: number; exchange: number; partial: number; matched: string[]; relaxed: string[] };
  hits: Hit[];
  facets: { speakers: Facet[]; topics: Facet[] };
}
export interface QuoteMatch extends Span {
  doc: DocRef;
  speaker: Speaker | null;
  kind: Kind;
  mode: Mode | null;
  quote: string;
  passages: string[];
  similarity: number;
  diff: Array<{ op: 'equal' | 'insert' | 'delete'; text: string }>;
  citation: { gbt7714: string; apa: string; text: string };
  url: string;
}
export interface QuoteResponse {
  text: string;
  found: boolean;
  exact: boolean;
  matches: QuoteMatch[];
}
export interface DocumentSummary extends DocRef {
  event: string;
  source: string;
  passageCount: number;
}
export interface DocumentView extends DocumentSummary {
  reporter: string | null;
  editor: string | null;
  participants: Array<{ name: string; title: string; org: string; designation: string }>;
  passages: Passage[];
}
/** A person's title over a span of dates (YYYY-MM-DD). */
export interface TitleSpan {
  title: string;
  org: string;
  from: string | null;
  to: string | null;
}
/** One entry per person or outlet: `aliases` are its other spellings, `timeline` a person's titles when they changed. */
export interface SpeakerSummary {
  name: string;
  titles: string[];
  orgs: string[];
  role: string;
  passages: number;
  documents: string[];
  aliases?: string[];
  timeline?: TitleSpan[];
}
export interface SpeakerView {
  speaker: {
    name: string;
    titles: string[];
    orgs: string[];
    role: string;
    passageCount: number;
    documents: DocRef[];
    aliases?: string[];
    timeline?: TitleSpan[];
  };
  total: number;
  passages: Passage[];
  answered: Array<{ question: string; doc: DocRef; askedBy: { name: string; org: string } | null; text: string; answers: string[] }>;
  answeredTotal: number;
  outlets: Facet[];
}
export interface TopicPeriod {
  /** YYYY-MM, "undated", or a document id when the granularity is "document". */
  key: string;
  date: string | null;
  title: string | null;
  count: number;
  /** One per name of the timeline's series, in its order. */
  speakers: Facet[];
  others: number;
}
export interface TopicView {
  name: string;
  count: number;
  documents: number;
  speakerCount: number;
  unattributed: number;
  speakers: Array<Facet & { share: number }>;
  timeline: { granularity: 'month' | 'document'; series: string[]; periods: TopicPeriod[] };
  offset: number;
  limit: number;
  passages: Passage[];
}
export interface StatedFigure extends Span {
  figure: string;
  context: string;
  passage: string;
  doc: DocRef;
  speaker: Speaker | null;
  mode: Mode | null;
  unit: string;
}
export interface FiguresResponse {
  subject: string;
  total: number;
  figures: StatedFigure[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? 'NETWORK', body?.error?.message ?? res.statusText);
  return body;
}

function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

export interface SearchParams {
  q: string;
  speaker?: string | undefined;
  topic?: string | undefined;
  kind?: string | undefined;
  doc?: string | undefined;
  limit?: number;
  offset?: number;
  plain?: string | undefined;
}

export const api = {
  search: (p: SearchParams) => call<SearchResponse>(`/api/search?${qs({ ...p })}`),
  quote: (text: string) =>
    call<QuoteResponse>('/api/quote', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }),
  documents: () => call<{ documents: DocumentSummary[] }>('/api/documents'),
  document: (id: string) => call<{ document: DocumentView }>(`/api/documents/${encodeURIComponent(id)}`),
  speakers: () => call<{ speakers: SpeakerSummary[] }>('/api/speakers'),
  speaker: (name: string, offset = 0, limit = 20) =>
    call<SpeakerView>(`/api/speakers/${encodeURIComponent(name)}?${qs({ offset, limit })}`),
  topics: (offset = 0, limit = 100) => call<{ topics: Facet[]; total: number }>(`/api/topics?${qs({ offset, limit })}`),
  topic: (name: string, offset = 0, limit = 20) => call<TopicView>(`/api/topics/${encodeURIComponent(name)}?${qs({ offset, limit })}`),
  figures: (q: string) => call<FiguresResponse>(`/api/figures?${qs({ q })}`),
};
