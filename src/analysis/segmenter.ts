// Segmentation of queries, wherever jieba lives: in this thread (tests, the
// build's own process) or in a worker thread (a server: its dictionaries load
// there while the index loads here, and never block a request).

import { LRUCache } from 'lru-cache';
import { AnalysisThread } from './analysisThread.js';
import { analyzeDocument, type DocumentToAnalyze, type PassageAnalysis } from './analyzePassage.js';
import { addWords, segmentChinese } from './segment.js';
import { chineseRuns, tokensFromCuts, type Token } from './tokenize.js';

export interface Segmenter {
  cut(texts: string[]): Promise<string[][]>;
  /** Analyzes documents as a build does: how a running server indexes a transcript added to its corpus. */
  analyze(documents: DocumentToAnalyze[]): Promise<PassageAnalysis[]>;
  /** Words that new documents introduce (names), taught before they are analyzed and then used for queries too. */
  teach(words: readonly string[]): Promise<void>;
  /**
   * Another handle on this segmenter, for an engine that replaces this one's (a server reloading its
   * store): the dictionaries (~240 MB, ~1 s to load) are not loaded twice. It closes with its last handle.
   */
  share(): Segmenter;
  close(): Promise<void>;
}

/** `inner` behind handles: share() gives another, and closing the last one closes it; none is given after. */
function shareable(inner: Omit<Segmenter, 'share'>): Segmenter {
  let open = 0;
  let ended = false;
  const handle = (): Segmenter => {
    if (ended) throw new Error('segmenter: its last handle was closed; share one that is open');
    open++;
    let closed = false;
    return {
      cut: (texts) => inner.cut(texts),
      analyze: (documents) => inner.analyze(documents),
      teach: (words) => inner.teach(words),
      share: handle,
      close: async () => {
        if (closed) return;
        closed = true;
        if (--open > 0) return;
        ended = true;
        await inner.close();
      },
    };
  };
  return handle();
}

/** Segments in this thread; the dictionaries load on the first cut, not before. */
export function inlineSegmenter(userWords: readonly string[]): Segmenter {
  let taught = false;
  const teachOnce = () => {
    if (!taught) addWords(userWords);
    taught = true;
  };
  return shareable({
    cut: async (texts) => {
      teachOnce();
      return texts.map(segmentChinese);
    },
    analyze: async (documents) => {
      teachOnce();
      return documents.flatMap(analyzeDocument);
    },
    teach: async (words) => {
      teachOnce();
      addWords(words);
    },
    close: async () => {},
  });
}

/** Runs of query text whose words a thread segmenter keeps: a query is cut twice (understand, then parse), mostly the same runs. */
const REMEMBERED_CUTS = 2000;

export function threadSegmenter(thread: AnalysisThread): Segmenter {
  // Each cut is a round trip to the thread (~0.2 ms): the second of a query's two asks again what the first did.
  const remembered = new LRUCache<string, readonly string[]>({ max: REMEMBERED_CUTS });
  return shareable({
    cut: async (texts) => {
      // What this call answers from, held here: the cache may let an entry go before the thread answers.
      const known = new Map<string, readonly string[]>();
      for (const t of texts) {
        const words = remembered.get(t);
        if (words) known.set(t, words);
      }
      const missing = [...new Set(texts.filter((t) => !known.has(t)))];
      if (missing.length) {
        (await thread.cut(missing)).forEach((words, i) => {
          known.set(missing[i]!, words);
          remembered.set(missing[i]!, words);
        });
      }
      // A copy each: the remembered words are never handed out to be changed.
      return texts.map((t) => [...known.get(t)!]);
    },
    analyze: (documents) => thread.analyze(documents),
    teach: async (words) => {
      await thread.teach(words);
      // Words taught change how the same text is cut.
      remembered.clear();
    },
    close: () => thread.close(),
  });
}

export function workerSegmenter(userWords: readonly string[]): Segmenter {
  return threadSegmenter(new AnalysisThread(userWords));
}

/** analyze(), with the segmentation done by `segmenter`. */
export async function analyzeWith(segmenter: Segmenter, text: string): Promise<Token[]> {
  return tokensFromCuts(text, await segmenter.cut(chineseRuns(text)));
}
