import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PassageSets } from '../../src/search/passageSets.js';

const SIZE = 64;
const list = fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: 40 });
// A query: conditions, each the union of one or more lists.
const query = fc.array(fc.array(list, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });

function naive(conditions: number[][][], accept: (g: number) => boolean): number[] {
  const unions = conditions.map((c) => new Set(c.flat()));
  return [...Array(SIZE).keys()].filter((g) => unions.every((u) => u.has(g)) && accept(g));
}

describe('PassageSets', () => {
  it('matches the passages in every condition, query after query on the same scratch arrays', () => {
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 5 }), (queries) => {
        const sets = new PassageSets(SIZE);
        for (const conditions of queries) {
          sets.begin();
          for (const c of conditions) {
            sets.next();
            for (const l of c) sets.meet(l);
          }
          const even = (g: number) => g % 2 === 0;
          expect([...sets.matches(even)]).toEqual(naive(conditions, even));
        }
      }),
    );
  });

  it('matches the same when conditions are single ascending lists (walked as they are) or lists in any order', () => {
    const ascending = fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: 60 }).map((l) => l.sort((a, b) => a - b));
    const mixed = fc.array(fc.oneof(fc.tuple(ascending), fc.array(list, { minLength: 1, maxLength: 2 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(mixed, (conditions) => {
        const sets = new PassageSets(SIZE);
        sets.begin();
        for (const c of conditions) {
          sets.next();
          for (const l of c) sets.meet(l);
        }
        const notFive = (g: number) => g % 5 !== 0;
        expect([...sets.matches(notFive)]).toEqual(naive(conditions, notFive));
      }),
      { numRuns: 500 },
    );
  });

  it('counts tiers per query and forgets them at the next', () => {
    const sets = new PassageSets(8);
    sets.begin();
    sets.raiseTier([1, 2]);
    sets.raiseTier([2]);
    expect([sets.tier(1), sets.tier(2), sets.tier(3)]).toEqual([1, 2, 0]);
    sets.begin();
    expect(sets.tier(2)).toBe(0);
  });
});
