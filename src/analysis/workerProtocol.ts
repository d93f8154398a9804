import type { DocumentToAnalyze, PassageAnalysis } from './analyzePassage.js';

export type WorkerRequest =
  | { type: 'init'; id: number; words: string[] }
  | { type: 'analyze'; id: number; documents: DocumentToAnalyze[] }
  | { type: 'cut'; id: number; texts: string[] };

export type WorkerReply =
  | { type: 'ready'; id: number }
  | { type: 'analyzed'; id: number; results: PassageAnalysis[] }
  | { type: 'cut'; id: number; words: string[][] }
  | { type: 'error'; id: number; message: string };
