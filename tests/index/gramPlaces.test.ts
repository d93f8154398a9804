// Where bigrams stand (the PostgreSQL store's gram lists carry it) and what it
// proves: a string stands in a passage exactly where the bigrams that cover it
// stand side by side. Checked against indexOf over random bodies, with repeated
// bigrams, places past a byte, and characters outside the BMP (𠮷, two units).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigramKey, bigramKeys, bigramPlaces, FIRST_UNKNOWN } from '../../src/analysis/ngrams.js';
import { cheapestCover, gramPlacesOf, PlaceProver, type GramPart } from '../../src/index/postgres/gramPlaces.js';

// Few distinct characters, so bigrams repeat within a body and strings recur across bodies.
const unit = fc.constantFrom('中', '国', '对', '此', '评', '𠮷');
const text = (max: number) => fc.array(unit, { minLength: 0, maxLength: max }).map((cs) => cs.join(''));

/** Every unit where `gram` (a bigram key) stands in `body`. */
function placesOf(body: string, gram: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < body.length; i++) if (bigramKey(body.charCodeAt(i), body.charCodeAt(i + 1)) === gram) out.push(i);
  return out;
}

/**
 * The parts of a bigram's list over `bodies` (passage key = index), as the writer stores them (one part per
 * `partSize` passages) and a server receives them: array_send's words, first places, (entry, unit) pairs.
 */
function listParts(bodies: readonly string[], gram: number, partSize: number): GramPart[] {
  const parts: GramPart[] = [];
  for (let low = 0; low < bodies.length; low += partSize) {
    const entries: number[] = [];
    const firsts: number[] = [];
    const more: number[] = [];
    bodies.slice(low, low + partSize).forEach((body, i) => {
      const grams = bigramKeys(body);
      const j = grams.indexOf(gram);
      if (j < 0) return;
      const entry = (low + i) << 4;
      const places = bigramPlaces(body, grams);
      entries.push(entry);
      firsts.push(places.firsts[j]!);
      places.moreGrams.forEach((g, k) => g === j && more.push(entry, places.morePlaces[k]!));
    });
    // array_send's header (dimensions, flags, type, then length and lower bound) and a length word before each element.
    const words = new Int32Array([1, 0, 23, entries.length, 1, ...entries.flatMap((e) => [4, e])]);
    // Its entries are every other word after the header (sentEntries).
    parts.push({ keys: { words, from: 4 + 2 * words[0]!, step: 2 }, firsts: Uint8Array.from(firsts), more: more.length ? Int32Array.from(more) : null });
  }
  return parts;
}

describe('bigramPlaces', () => {
  it('records every place of every bigram: the first in a byte below FIRST_UNKNOWN, the others beside it', () => {
    fc.assert(
      fc.property(fc.tuple(text(40), fc.integer({ min: 0, max: 300 })), ([core, pad]) => {
        // Padded past a byte's worth of units, so some first places are FIRST_UNKNOWN.
        const body = '评'.repeat(pad) + core;
        const grams = bigramKeys(body);
        const { firsts, moreGrams, morePlaces } = bigramPlaces(body, grams);
        grams.forEach((g, j) => {
          const all = placesOf(body, g);
          const others = morePlaces.filter((_, k) => moreGrams[k] === j);
          expect(firsts[j]).toBe(all[0]! < FIRST_UNKNOWN ? all[0] : FIRST_UNKNOWN);
          expect([...(firsts[j] === FIRST_UNKNOWN ? [] : [firsts[j]!]), ...others]).toEqual(all);
        });
        // Pairs ascending by gram, then by unit, as the writer groups them.
        for (let k = 1; k < moreGrams.length; k++) expect(moreGrams[k - 1]! < moreGrams[k]! || (moreGrams[k - 1] === moreGrams[k] && morePlaces[k - 1]! < morePlaces[k]!)).toBe(true);
      }),
    );
  });
});

describe('cheapestCover', () => {
  it('covers every unit of the string with bigrams of the least total cost', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 9 }), (costs) => {
        const cover = cheapestCover(costs);
        const n = costs.length + 1;
        for (let u = 0; u < n; u++) expect(cover.some((o) => o === u || o + 1 === u), `unit ${u} of ${cover}`).toBe(true);
        let least = Infinity;
        for (let mask = 1; mask < 1 << costs.length; mask++) {
          const chosen = costs.map((_, o) => o).filter((o) => mask & (1 << o));
          const covers = Array.from({ length: n }, (_, u) => chosen.some((o) => o === u || o + 1 === u)).every(Boolean);
          if (covers) least = Math.min(least, chosen.reduce((s, o) => s + costs[o]!, 0));
        }
        expect(cover.reduce((s, o) => s + costs[o]!, 0)).toBe(least);
      }),
    );
  });

  it('skips a costly bigram its neighbours cover: 一个中国原则 without 中国', () => {
    // 一个 个中 中国 国原 原则, 中国 the costliest by far.
    expect(cheapestCover([23_777, 10_666, 123_284, 7_240, 16_486])).toEqual([0, 1, 3, 4]);
  });
});

describe('PlaceProver', () => {
  it('finds exactly the candidates whose bodies hold the string, from where its cover bigrams stand', () => {
    fc.assert(
      fc.property(
        fc.array(text(30), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        (cores, pad, which, from, length, costs, partSize) => {
          // Some bodies past a byte's worth of units; the string cut from one of them (or not held at all).
          const bodies = cores.map((c, i) => (i % 2 ? '评'.repeat(pad) + c : c));
          const source = bodies[which % bodies.length]! + '中国对此评';
          const start = from % Math.max(1, source.length - length);
          const s = source.slice(start, start + length);
          if (s.length < 3) return;
          const offsets = cheapestCover(Array.from({ length: s.length - 1 }, (_, o) => costs[o % costs.length]!));
          const lists = offsets.map((offset) => ({
            offset,
            places: gramPlacesOf(listParts(bodies, bigramKey(s.charCodeAt(offset), s.charCodeAt(offset + 1)), partSize), (key) => key, 4),
          }));
          const prover = new PlaceProver(bodies.length);
          const all = bodies.map((_, i) => i);
          const want = all.filter((i) => bodies[i]!.includes(s));
          expect(Array.from(prover.holding(all, lists)), s).toEqual(want);
          // Among some candidates only; the scratch left as it was found.
          const some = all.filter((i) => i % 2 === 0);
          expect(Array.from(prover.holding(some, lists)), s).toEqual(want.filter((i) => i % 2 === 0));
          expect(Array.from(prover.holding(all, lists)), s).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a string whose bigram stands twice in it (对此对此) and one of characters outside the BMP', () => {
    const bodies = ['对此对此', '对此对', '此对此对此', '𠮷𠮷中国', '中𠮷𠮷', '𠮷中'];
    const prover = new PlaceProver(bodies.length);
    const find = (s: string) => {
      const offsets = cheapestCover(Array.from({ length: s.length - 1 }, () => 1));
      const lists = offsets.map((offset) => ({ offset, places: gramPlacesOf(listParts(bodies, bigramKey(s.charCodeAt(offset), s.charCodeAt(offset + 1)), 2), (key) => key, 4) }));
      return Array.from(prover.holding([0, 1, 2, 3, 4, 5], lists));
    };
    expect(find('对此对此')).toEqual([0, 2]);
    expect(find('𠮷𠮷')).toEqual([3, 4]);
    expect(find('𠮷中')).toEqual([3, 5]);
  });
});

describe('gramPlacesOf', () => {
  it('drops the entries of passages this process did not load, with their places', () => {
    const bodies = ['对此对此', '中国', '此对此对此'];
    const gram = bigramKey('对'.charCodeAt(0), '此'.charCodeAt(0));
    const placed = gramPlacesOf(listParts(bodies, gram, 3), (key) => (key === 0 ? -1 : key), 4);
    expect(Array.from(placed.gids)).toEqual([2]);
    expect(placed.firsts[0]).toBe(1);
    expect(Array.from(placed.morePlaces.subarray(placed.moreStart[0], placed.moreStart[1]))).toEqual([3]);
  });
});
