// Corpus files → parsed documents → analyzed passages, for either store: the
// embedded build (embedded/build.ts) and the PostgreSQL writer
// (postgres/store.ts). Segmentation runs on worker threads while this thread
// hands the results on, and every passage is segmented exactly once (its
// terms, topics, compact form and bigrams all come from that one pass).

import { availableParallelism } from 'node:os';
import { AnalysisThread } from '../analysis/analysisThread.js';
import { analyzeInOrder } from '../analysis/analyzeInOrder.js';
import type { DocumentToAnalyze, PassageAnalysis } from '../analysis/analyzePassage.js';
import { topicContext } from '../analysis/topics.js';
import { addWords } from '../analysis/segment.js';
import { inlineSegmenter, threadSegmenter, type Segmenter } from '../analysis/segmenter.js';
import { isRefused, type RefusedFile, type SourceFile } from '../ingest/readCorpus.js';
import { parseTranscript } from '../parse/parseTranscript.js';
import type { Passage, TranscriptDocument } from '../parse/types.js';
import { detailsList, splitDetails } from './details.js';
import type { DetailsTable, DocumentDetails, IndexedDocument, IndexedPassage } from './engine.js';

export type BuildProgress = (done: number, total: number) => void;

export interface BuildOptions {
  onProgress?: BuildProgress | undefined;
  /** Worker threads that segment; 0 segments in this thread; unset: chosen by corpus size (see autoThreads). */
  threads?: number | undefined;
  /** The segmenter's user dictionary; by default the names these documents introduce. */
  userWords?: readonly string[] | undefined;
  /** Words an earlier build taught (an update's index): these documents' words are added to them. */
  knownWords?: readonly string[] | undefined;
  /** Analyzes on this segmenter (a running server's, its dictionaries loaded) instead of threads of its own; it is taught userWords and kept open. */
  analyzer?: Segmenter | undefined;
  /** Names users joined in aliases.tsv, for the engine's speaker entries. */
  aliasGroups?: string[][] | undefined;
  /** Filled in with where the main thread's time went (the benchmark reads it). */
  timings?: BuildTimings | undefined;
  /**
   * Each document once all its passages were handed to onPassage (one without passages, in its turn),
   * in order: a writer can store it and let go of its analyses before the corpus is done.
   */
  onDocument?: ((doc: IndexedDocument, details: DocumentDetails, index: number) => void) | undefined;
  /** Documents the caller parsed already, by id (parsing 100 MB takes ~2 s). */
  parsed?: ReadonlyMap<string, TranscriptDocument> | undefined;
  /** Threads the caller started (see startThreads), loading their dictionaries while it parsed; taught userWords here. */
  started?: AnalysisThread[] | undefined;
  /** Each passage's bigram places too (DocumentToAnalyze.places): the PostgreSQL store's. */
  places?: boolean | undefined;
}

/** Threads for a build about to analyze `bytes` of text, started now: each spends 1–2 s loading its dictionaries. */
export function startThreads(bytes: number, threads?: number): AnalysisThread[] {
  return Array.from({ length: threads ?? autoThreads(bytes) }, () => new AnalysisThread([]));
}

export interface BuildTimings {
  parseMs: number;
  /** Main thread: FlexSearch insertion of the words and tags. */
  wordIndexMs: number;
  /** Main thread: bigram posting lists, added and finished. */
  bigramMs: number;
  /** From the first passage sent to the last one analyzed and inserted. */
  analyzeAndInsertMs: number;
}

/**
 * Each thread loads its own dictionaries (2–4 s, ~240 MB) before it cuts a
 * word, so threads pay off only past a few megabytes: below 4 MB the build
 * segments on the main thread, above it one thread per 4 MB up to the cores.
 */
export function autoThreads(bytes: number): number {
  const perThread = 4 * 1024 * 1024;
  return bytes < perThread ? 0 : Math.min(availableParallelism(), Math.floor(bytes / perThread));
}

// Short quoted terms are the names of campaigns and titles (“引大引强引头部”,
// “浙商最佳投资城市”): kept whole as words, their parts still found as sub-words.
const QUOTED_TERM = /[“"「『]([\u3400-\u9fff]{3,10})[”"」』]/gu;

/** Names, organisations and quoted terms the documents introduce: taught to the segmenter before anything is cut. */
export function userWordsOf(docs: TranscriptDocument[]): string[] {
  const words = new Set<string>();
  for (const d of docs) {
    for (const m of d.text.matchAll(QUOTED_TERM)) words.add(m[1]!);
    for (const p of d.participants) {
      words.add(p.name);
      if (p.org) words.add(p.org);
    }
    for (const p of d.passages) {
      if (p.speaker?.role === 'official') words.add(p.speaker.name);
      if (p.speaker?.org) words.add(p.speaker.org);
    }
  }
  return [...words].filter((w) => w.length >= 2).sort();
}

export interface AnalyzedCorpus {
  docs: IndexedDocument[];
  details: DetailsTable;
  passages: IndexedPassage[];
  compactBodies: string[];
  userWords: string[];
  /** Segments queries; its dictionaries are loaded already. */
  segmenter: Segmenter;
  parseMs: number;
  /** From the first passage sent to the last one analyzed and handed to onPassage. */
  analyzeMs: number;
}

/**
 * Parses the files and analyzes every passage once, in order: `onPassage`
 * sees each with its analysis and topics as it arrives (the embedded build
 * fills FlexSearch and the bigram lists; the PostgreSQL store writes rows).
 */
export async function analyzeCorpus(
  files: Array<SourceFile | RefusedFile>,
  options: BuildOptions,
  onPassage: (p: IndexedPassage, doc: IndexedDocument, a: PassageAnalysis) => void,
): Promise<AnalyzedCorpus> {
  const t0 = performance.now();
  const parsed = files
    .filter((f): f is SourceFile => !isRefused(f))
    .map((f) => {
      const doc = options.parsed?.get(f.id) ?? parseTranscript(f.id, f.text);
      return { ...doc, warnings: [...f.warnings, ...doc.warnings], path: f.path, sha256: f.sha256, encoding: f.encoding };
    });
  const parseMs = performance.now() - t0;
  const userWords = options.userWords ? [...options.userWords] : [...new Set([...(options.knownWords ?? []), ...userWordsOf(parsed)])].sort();
  // Numbered in document order, as analyzeInOrder hands back their analyses; topics come with those.
  const passages: IndexedPassage[] = [];
  parsed.forEach((doc, di) => {
    for (const p of doc.passages) passages.push(indexedPassage(p, passages.length, di));
  });
  const documents = {
    sizes: parsed.map((doc) => doc.passages.length),
    make: (di: number): DocumentToAnalyze => {
      const doc = parsed[di]!;
      return { bodies: doc.passages.map((p) => doc.text.slice(p.bodyStart, p.span.end)), topics: topicContext(doc), places: options.places };
    },
  };
  const details: DocumentDetails[] = [];
  const docs: IndexedDocument[] = parsed.map((doc) => {
    const { details: d, rest } = splitDetails(doc);
    details.push(d);
    return rest;
  });

  const analyzer = options.analyzer;
  if (analyzer) await analyzer.teach(userWords);
  const threadCount = analyzer ? 0 : (options.started?.length ?? options.threads ?? autoThreads(files.reduce((n, f) => n + f.bytes, 0)));
  const threads = options.started ?? Array.from({ length: threadCount }, () => new AnalysisThread(userWords));
  if (options.started) await Promise.all(options.started.map((t) => t.teach(userWords)));
  if (threadCount === 0 && !analyzer) addWords(userWords);

  const total = documents.sizes.reduce((n, size) => n + size, 0);
  const compactBodies: string[] = new Array(total);
  const tAnalyze = performance.now();
  let announced = 0;
  const announceUpTo = (end: number) => {
    for (; announced < end; announced++) options.onDocument?.(docs[announced]!, details[announced]!, announced);
  };
  try {
    await analyzeInOrder(documents, analyzer ? [analyzer] : threads, (gid, a) => {
      const p = passages[gid]!;
      compactBodies[gid] = a.compact;
      p.topics = a.topics;
      announceUpTo(p.doc);
      onPassage(p, docs[p.doc]!, a);
      if (p.n === docs[p.doc]!.passages.length) announceUpTo(p.doc + 1);
      if (gid % 1000 === 999 || gid === total - 1) options.onProgress?.(gid + 1, total);
    });
    announceUpTo(docs.length);
  } catch (err) {
    await Promise.all(threads.map((t) => t.close()));
    throw err;
  }
  const analyzeMs = performance.now() - tAnalyze;

  // One thread stays on to segment queries; its dictionaries are loaded already.
  await Promise.all(threads.slice(1).map((t) => t.close()));
  const segmenter: Segmenter = analyzer ?? (threads[0] ? threadSegmenter(threads[0]) : inlineSegmenter(userWords));
  return { docs, details: detailsList(details), passages, compactBodies, userWords, segmenter, parseMs, analyzeMs };
}

/** Every field of a parsed passage, for indexedPassage: the compiler says when one is added and not listed there. */
const PASSAGE_FIELDS = { n: 1, kind: 1, speaker: 1, mode: 1, span: 1, bodyStart: 1, heading: 1, exchange: 1, attribution: 1 } as const satisfies Record<keyof Passage, 1>;
void PASSAGE_FIELDS;

/**
 * A parsed passage numbered for the index. Its fields are listed, not spread: `{ ...p, gid, doc }` took
 * ~5 µs a passage, 1.3 s of a 100 MB build's start spent while its analysis threads waited.
 */
function indexedPassage(p: Passage, gid: number, doc: number): IndexedPassage {
  const { n, kind, speaker, mode, span, bodyStart, heading, exchange, attribution } = p;
  return { n, kind, speaker, mode, span, bodyStart, heading, exchange, attribution, gid, doc, topics: [] };
}
