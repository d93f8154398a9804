// The request's filters, as search and browsing both apply them: tag filters
// (a speaker in any of its spellings), inclusive date bounds, and the scratch
// passage sets of an engine.

import { normalize } from '../analysis/normalize.js';
import { gidsOfDocument, type Engine } from '../index/engine.js';
import type { TagField } from '../index/retrieval.js';
import type { PassageKind } from '../parse/types.js';
import { PassageSets } from './passageSets.js';
import { speakerSpellings } from './speakerNames.js';

export interface SearchFilters {
  speaker?: string | undefined;
  topic?: string | undefined;
  kind?: PassageKind | undefined;
  doc?: string | undefined;
  /** Inclusive date bounds: YYYY, YYYY-MM or YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

export function hasFilter(f: SearchFilters): boolean {
  return [f.speaker, f.topic, f.kind, f.doc, f.from, f.to].some((v) => v !== undefined && v !== '');
}

/**
 * Each filter's lists, a passage meeting the filter when it is in one of them: a tag's values asked of
 * the store (a speaker's every spelling, 唐鳳 / 唐凤; a topic in either script), a document's passages
 * from the engine.
 */
export function filterLists(engine: Engine, f: SearchFilters): Promise<Array<Array<ArrayLike<number>>>> {
  const tags = (
    [
      ['speaker', f.speaker],
      ['topic', f.topic],
      ['kind', f.kind],
    ] as Array<[TagField, string | undefined]>
  )
    .filter((x): x is [TagField, string] => x[1] !== undefined && x[1] !== '')
    // Topics are kept in the analyzer's normalized form (Simplified, half-width): 營商環境 is 营商环境.
    .map(([field, value]) => Promise.all((field === 'speaker' ? speakerSpellings(engine, value) : field === 'topic' ? [normalize(value)] : [value]).map((v) => engine.retrieval.tagged(field, v))));
  if (f.doc !== undefined && f.doc !== '') tags.push(Promise.resolve([passagesOf(engine, f.doc)]));
  return Promise.all(tags);
}

/** A document's passages, ascending; none for an unknown id. */
function passagesOf(engine: Engine, id: string): Uint32Array {
  const d = engine.docById.get(id);
  return d === undefined ? new Uint32Array(0) : gidsOfDocument(engine, d);
}

function dateBound(d: string | undefined, end: boolean): number {
  if (!d) return end ? Infinity : 0;
  const [y, m, day] = d.split('-');
  return Number(`${y}${m ?? (end ? '12' : '01')}${day ?? (end ? '31' : '01')}`);
}

/** The date filter as a test of a passage (of a dated document), or null when the request has none. */
export function dateFilter(engine: Engine, f: SearchFilters): ((g: number) => boolean) | null {
  if (f.from === undefined && f.to === undefined) return null;
  const from = dateBound(f.from, false);
  const to = dateBound(f.to, true);
  return (g) => {
    const d = engine.dateCode[g]!;
    return d !== 0 && d >= from && d <= to;
  };
}

const scratch = new WeakMap<Engine, PassageSets>();

/** The engine's scratch sets: one query uses them between two awaits. */
export function setsFor(engine: Engine): PassageSets {
  let sets = scratch.get(engine);
  if (!sets) {
    sets = new PassageSets(engine.passages.length);
    scratch.set(engine, sets);
  }
  return sets;
}
