// The passages' compact bodies (normalized, without punctuation or spaces):
// what ranking counts a query's terms in and the quote check aligns against.
// The embedded index holds every body; a server on PostgreSQL holds none and
// fetches those a query reads (postgres/bodies.ts): the first matches it
// ranks, the turns a quote may stand in.
//
// Ranking reads bodies in the middle of work that must not wait (the scratch
// sets of search.ts): it runs with the bodies at hand, noting those it lacked,
// and runs again once they are fetched (withBodies). Holding every body, the
// embedded index never lacks one and runs once.

import { createError } from '../errors.js';

/** The bodies one query asked for. */
export interface Bodies {
  body(gid: number): string;
}

export interface BodySource {
  /** The bodies of `gids`, at hand for the query being answered; reading another passage's is BODY_NOT_FETCHED. */
  fetch(gids: Iterable<number>): Promise<Bodies>;
  /** The body if it is at hand now (always, in memory; if cached, from a store). */
  held(gid: number): string | undefined;
  /** Every body is at hand: nothing is worth fetching ahead. */
  readonly holdsAll: boolean;
  /**
   * The turns (first and last passage, consecutive) whose bodies joined contain `needle`, by first
   * passage: where a quote may run from one paragraph into the next, asked without fetching every turn.
   */
  turnsHolding(turns: ReadonlyArray<readonly [first: number, last: number]>, needle: string): Promise<Set<number>>;
  /** The passages of `candidates` whose body contains `needle` (any length, so a one-character phrase), in their order. */
  containing(candidates: ArrayLike<number>, needle: string): Promise<Uint32Array>;
  /** Mean length of a body in UTF-16 units, over every passage (BM25's length norm). */
  readonly averageLength: number;
}

/** Mean body length the way BM25 takes it: 1 for an index of no passages. */
export function averageLength(totalUnits: number, passages: number): number {
  return totalUnits / Math.max(1, passages) || 1;
}

/** Every body in memory (a built or embedded index): fetching is a no-op. */
export class MemoryBodies implements BodySource, Bodies {
  readonly averageLength: number;
  readonly holdsAll = true;
  private readonly self: Promise<Bodies>;

  constructor(readonly all: string[]) {
    this.averageLength = averageLength(
      all.reduce((n, b) => n + b.length, 0),
      all.length,
    );
    this.self = Promise.resolve(this);
  }

  fetch(): Promise<Bodies> {
    return this.self;
  }

  held(gid: number): string | undefined {
    return this.all[gid];
  }

  turnsHolding(turns: ReadonlyArray<readonly [number, number]>, needle: string): Promise<Set<number>> {
    const out = new Set<number>();
    for (const [first, last] of turns) if (this.all.slice(first, last + 1).join('').includes(needle)) out.add(first);
    return Promise.resolve(out);
  }

  containing(candidates: ArrayLike<number>, needle: string): Promise<Uint32Array> {
    return Promise.resolve(Uint32Array.from(Array.from(candidates).filter((g) => this.all[g]!.includes(needle))));
  }

  body(gid: number): string {
    const b = this.all[gid];
    if (b === undefined) throw createError('BODY_NOT_FETCHED', gid);
    return b;
  }
}

/** Bodies fetched for one query: exactly the passages it asked for. */
export class FetchedBodies implements Bodies {
  constructor(private readonly held: ReadonlyMap<number, string>) {}

  body(gid: number): string {
    const b = this.held.get(gid);
    // A query read a body it did not ask for: a bug in huayu, named so the suites on PostgreSQL catch it.
    if (b === undefined) throw createError('BODY_NOT_FETCHED', gid);
    return b;
  }
}

/** The bodies of one run of a query: those at hand, and those it asks for before it must not wait. */
export interface QueryBodies extends Bodies {
  /** Fetches the bodies the run will likely read (`likely()`, asked only of a store that lacks some), while it may still wait. */
  prefetch(likely: () => Iterable<number>): Promise<void>;
}

/** Bodies read as they are at hand, noting the ones lacked (read as empty). */
class NotingBodies implements QueryBodies {
  readonly read = new Set<number>();
  readonly lacked = new Set<number>();

  constructor(
    private readonly source: BodySource,
    /** What this query fetched, over all its runs (the store's cache may let some go meanwhile). */
    private readonly fetched: Map<number, string>,
  ) {}

  async prefetch(likely: () => Iterable<number>): Promise<void> {
    if (this.source.holdsAll) return;
    const missing: number[] = [];
    for (const g of likely()) {
      if (this.fetched.has(g)) continue;
      // Pinned: the store's cache may let it go while this fetch brings others, before ranking reads it.
      const held = this.source.held(g);
      if (held === undefined) missing.push(g);
      else this.fetched.set(g, held);
    }
    await fetchInto(this.source, missing, this.fetched);
  }

  body(gid: number): string {
    this.read.add(gid);
    // What this query fetched or pinned first: a Map's lookup, where the store's cache also reorders its
    // entries. A body held when read is pinned too, so a second run does not fetch it again.
    let b = this.fetched.get(gid);
    if (b === undefined) {
      b = this.source.held(gid);
      if (b !== undefined) this.fetched.set(gid, b);
    }
    if (b !== undefined) return b;
    this.lacked.add(gid);
    return '';
  }
}

async function fetchInto(source: BodySource, gids: readonly number[], into: Map<number, string>): Promise<void> {
  if (gids.length === 0) return;
  const got = await source.fetch(gids);
  for (const g of gids) into.set(g, got.body(g));
}

function bodyNotHeld(gid: number): never {
  throw createError('BODY_NOT_FETCHED', gid);
}

/** Runs past a store's answers that change between runs: each run asks for what the one before lacked. */
const MAX_RUNS = 4;

/**
 * `run`'s answer once it lacked no body: it runs with the bodies at hand, and
 * again with every body it read fetched, as long as it lacked some. Its
 * answers from runs that lacked a body are dropped; `run` must not act on
 * anything outside its answer.
 */
export async function withBodies<T>(source: BodySource, run: (bodies: QueryBodies) => Promise<T>): Promise<T> {
  // Every body at hand (the embedded index): one run, and nothing to note.
  if (source.holdsAll) return run({ body: (gid) => source.held(gid) ?? bodyNotHeld(gid), prefetch: async () => {} });
  const fetched = new Map<number, string>();
  for (let n = 1; ; n++) {
    const bodies = new NotingBodies(source, fetched);
    const answer = await run(bodies);
    if (bodies.lacked.size === 0) return answer;
    // Each run lacked others: the store changes under it, and the server reloads soon (stores.ts).
    if (n === MAX_RUNS) throw createError('STORE_CHANGED');
    // What it read, less what this query fetched already (pinned here, whatever the cache let go).
    await fetchInto(source, [...bodies.read].filter((g) => !fetched.has(g)), fetched);
  }
}

/** The bodies of an engine that holds them all (built, or the embedded index): for the embedded store's own files and for tests. */
export function heldBodies(source: BodySource): MemoryBodies {
  if (!(source instanceof MemoryBodies)) throw new Error('index: this engine fetches its passages\' bodies from its store; walk an embedded index instead');
  return source;
}
