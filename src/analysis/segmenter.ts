// Segmentation of queries, wherever jieba lives: in this thread (tests, the
// build's own process) or in a worker thread (a server: its dictionaries load
// there while the index loads here, and never block a request).

import { AnalysisThread } from './analysisThread.js';
import { addWords, segmentChinese } from './segment.js';
import { chineseRuns, tokensFromCuts, type Token } from './tokenize.js';

export interface Segmenter {
  cut(texts: string[]): Promise<string[][]>;
  close(): Promise<void>;
}

/** Segments in this thread; the dictionaries load on the first cut, not before. */
export function inlineSegmenter(userWords: readonly string[]): Segmenter {
  let taught = false;
  return {
    cut: async (texts) => {
      if (!taught) {
        addWords(userWords);
        taught = true;
      }
      return texts.map(segmentChinese);
    },
    close: async () => {},
  };
}

export function threadSegmenter(thread: AnalysisThread): Segmenter {
  return { cut: (texts) => thread.cut(texts), close: () => thread.close() };
}

export function workerSegmenter(userWords: readonly string[]): Segmenter {
  return threadSegmenter(new AnalysisThread(userWords));
}

/** analyze(), with the segmentation done by `segmenter`. */
export async function analyzeWith(segmenter: Segmenter, text: string): Promise<Token[]> {
  return tokensFromCuts(text, await segmenter.cut(chineseRuns(text)));
}
