// withBodies: a query that reads bodies where it must not wait runs with those
// at hand and again once the ones it lacked are fetched.

import { describe, expect, it } from 'vitest';
import { FetchedBodies, MemoryBodies, withBodies, type Bodies, type BodySource } from '../../src/index/bodies.js';

const ALL = ['甲乙', '丙丁', '戊己', '庚辛'];

/** A store holding ALL, of which `cached` are at hand; counts its fetches. */
function store(cached: number[]): BodySource & { fetches: number[][] } {
  const held = new Map(cached.map((g) => [g, ALL[g]!]));
  const fetches: number[][] = [];
  return {
    averageLength: 2,
    holdsAll: false,
    fetches,
    held: (g) => held.get(g),
    containing: (candidates, needle) => Promise.resolve(Uint32Array.from(Array.from(candidates).filter((g) => ALL[g]!.includes(needle)))),
    turnsHolding: (turns, needle) => Promise.resolve(new Set(turns.filter(([a, b]) => ALL.slice(a, b + 1).join('').includes(needle)).map(([a]) => a))),
    fetch: (gids) => {
      const asked = [...gids];
      fetches.push(asked);
      return Promise.resolve(new FetchedBodies(new Map(asked.map((g) => [g, ALL[g]!]))));
    },
  };
}

const joined = (bodies: Bodies, gids: number[]) => Promise.resolve(gids.map((g) => bodies.body(g)).join('|'));

describe('withBodies', () => {
  it('runs once over bodies held in memory', async () => {
    let runs = 0;
    const answer = await withBodies(new MemoryBodies(ALL), (b) => (runs++, joined(b, [0, 3])));
    expect({ answer, runs }).toEqual({ answer: '甲乙|庚辛', runs: 1 });
  });

  it('runs again with the bodies it lacked fetched, and answers from that run', async () => {
    const source = store([0]);
    const seen: string[] = [];
    const answer = await withBodies(source, async (b) => {
      const a = await joined(b, [0, 2]);
      seen.push(a);
      return a;
    });
    // The first run read 2 as empty; the second had it.
    expect(seen).toEqual(['甲乙|', '甲乙|戊己']);
    expect(answer).toBe('甲乙|戊己');
    // Body 0 was held when read, and kept for the query then: only 2 is fetched.
    expect(source.fetches).toEqual([[2]]);
  });

  it('fetches what a run asks for before it must not wait, so it runs once', async () => {
    const source = store([]);
    let runs = 0;
    const answer = await withBodies(source, async (b) => {
      runs++;
      await b.prefetch(() => [1, 3]);
      return joined(b, [3, 1]);
    });
    expect({ answer, runs, fetches: source.fetches }).toEqual({ answer: '庚辛|丙丁', runs: 1, fetches: [[1, 3]] });
  });

  it('gives up with STORE_CHANGED when every run reads bodies the one before did not', async () => {
    const source = store([]);
    let run = 0;
    await expect(withBodies(source, (b) => joined(b, [run++ % ALL.length]))).rejects.toMatchObject({ code: 'STORE_CHANGED' });
    expect(run).toBe(4);
  });
});
