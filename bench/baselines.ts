// What a user could do without huayu: scan every passage for the query's
// strings, or index the passages with MiniSearch and the same tokenizer.

import MiniSearch from 'minisearch';
import { analyze, indexTokens } from '../src/analysis/tokenize.js';
import type { Engine } from '../src/index/engine.js';
import type { SearchRequest } from '../src/search/search.js';
import { bodyOf } from './queries.js';

export interface Baseline {
  name: string;
  answer(req: SearchRequest): number;
}

function termsOf(q: string): string[] {
  return q.replace(/"/gu, ' ').split(/\s+/u).filter(Boolean);
}

function passesFilters(engine: Engine, gid: number, req: SearchRequest): boolean {
  const p = engine.passages.at(gid)!;
  if (req.speaker && p.speaker?.name !== req.speaker) return false;
  if (req.topic && !p.topics.includes(req.topic)) return false;
  return true;
}

/** indexOf over the text of every passage; the count of matches is the answer. */
export function scanBaseline(engine: Engine): Baseline {
  const bodies = Array.from(engine.passages, (p) => bodyOf(engine, p));
  return {
    name: 'scan',
    answer(req) {
      const terms = termsOf(req.q);
      let n = 0;
      for (let gid = 0; gid < bodies.length; gid++) {
        const body = bodies[gid]!;
        if (terms.every((t) => body.includes(t)) && passesFilters(engine, gid, req)) n++;
      }
      return n;
    },
  };
}

export interface MiniSearchBaseline extends Baseline {
  buildMs: number;
  heapMB: number;
}

/** MiniSearch over the same passages with huayu's analyzer on both sides (segmenting once more, in this thread). */
export function miniSearchBaseline(engine: Engine): MiniSearchBaseline {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: indexTokens,
    processTerm: (t) => t,
    searchOptions: { combineWith: 'AND', tokenize: (q) => analyze(q).map((t) => t.term) },
  });
  for (const p of engine.passages) ms.add({ id: p.gid, text: bodyOf(engine, p) });
  const buildMs = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
  return {
    name: 'MiniSearch',
    buildMs,
    heapMB,
    answer(req) {
      const q = req.q.replace(/"/gu, '');
      const filter = req.speaker || req.topic ? (r: { id: number }) => passesFilters(engine, r.id, req) : undefined;
      return ms.search(q, filter ? { filter } : {}).length;
    },
  };
}
