// A server's word lists with their tfs (postgres/wordLists.ts), and the
// writer's lists that carry a byte per entry (postgres/listBuilder.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListBuilder, moreOf } from '../../src/index/postgres/listBuilder.js';
import { SLOT_BITS, TF_UNKNOWN } from '../../src/index/postgres/schema.js';
import { ListStats, passageLengths, WordList } from '../../src/index/postgres/wordLists.js';
import { VarintWriter } from '../../src/index/varint.js';

const entry = (gid: number, slot: number) => gid * 2 ** SLOT_BITS + slot;

describe('WordList', () => {
  it('gives each passage the tf stored beside its entry, and none for a passage the list lacks', () => {
    const list = new WordList(Int32Array.from([entry(2, 0), entry(5, 8), entry(9, 3)]), Uint8Array.from([1, 4, 2]));
    expect([2, 5, 9].map((g) => list.tf(g))).toEqual([1, 4, 2]);
    expect([0, 3, 6, 10].map((g) => list.tf(g))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('says nothing of a count stored as TF_UNKNOWN (too many to hold in a byte)', () => {
    const list = new WordList(Int32Array.from([entry(1, 0), entry(4, 0)]), Uint8Array.from([TF_UNKNOWN, TF_UNKNOWN - 1]));
    expect(list.tf(1)).toBeUndefined();
    expect(list.tf(4)).toBe(TF_UNKNOWN - 1);
  });

  it('sorts the entries of parts whose passages interleave (after a merge, or a document written again), each keeping its own tf', () => {
    // Two parts: passages 10 and 30, then 20 and 40.
    const list = new WordList(Int32Array.from([entry(10, 1), entry(30, 2), entry(20, 3), entry(40, 0)]), Uint8Array.from([7, 8, 9, 6]));
    expect([10, 20, 30, 40].map((g) => list.tf(g))).toEqual([7, 9, 8, 6]);
    expect(Array.from(list.entries)).toEqual([entry(10, 1), entry(20, 3), entry(30, 2), entry(40, 0)]);
  });

  it('counts its bytes for the cache: four per entry and one per tf', () => {
    expect(new WordList(new Int32Array(3), new Uint8Array(3)).byteLength).toBe(15);
  });
});

describe('ListStats', () => {
  it('answers a term by its own list and a passage by its length', () => {
    const stats = new ListStats(new Map([['环境', new WordList(Int32Array.from([entry(1, 0)]), Uint8Array.from([3]))]]), Uint32Array.from([12, 40]));
    expect(stats.tf('环境', 1)).toBe(3);
    expect(stats.tf('营商', 1)).toBeUndefined();
    expect(stats.length(1)).toBe(40);
  });
});

describe('passageLengths', () => {
  /** A row as the writer stores it: its lengths as varints. */
  const row = (low: number, lengths: number[]) => {
    const w = new VarintWriter();
    for (const v of lengths) w.write(v);
    return { low, count: lengths.length, varints: w.done() };
  };

  it('numbers each length by its passage, skipping the keys of documents written again', () => {
    // Keys 1..3 in one row, 4..5 in another; key 2 is dead (-1). 70,000 takes three bytes.
    const gidOfKey = Int32Array.from([-1, 0, -1, 1, 2, 3]);
    expect(Array.from(passageLengths([row(1, [10, 99, 70_000]), row(4, [40, 50])], gidOfKey, 4)!)).toEqual([10, 70_000, 40, 50]);
  });

  it('is null when a passage has no length, or a row holds fewer lengths than it counts', () => {
    expect(passageLengths([row(1, [10])], Int32Array.from([-1, 0, 1]), 2)).toBeNull();
    expect(passageLengths([{ ...row(1, [10, 20]), count: 3 }], Int32Array.from([-1, 0, 1, 2]), 3)).toBeNull();
  });
});

describe('ListBuilder', () => {
  it('keeps each entry\'s byte with it as it grows and through the sort by list, over two radix passes', () => {
    const b = new ListBuilder(true);
    // More entries than it starts with room for; bigram-sized list numbers, past 2^16, need both passes; entries come out in the order pushed.
    const pushed: Array<[number, number, number]> = [];
    for (let i = 0; i < 70_000; i++) pushed.push([(i * 7919) % 5 === 0 ? 70000 + (i % 3) : i % 4, i, i % 256]);
    for (const [id, e, byte] of pushed) b.push(id, e, byte);
    const got = [...b.lists()].map(([id, es, bytes]) => [id, Array.from(es), Array.from(bytes)]);
    const ids = [...new Set(pushed.map(([id]) => id))].sort((x, y) => x - y);
    expect(got).toEqual(ids.map((id) => [id, pushed.filter((p) => p[0] === id).map((p) => p[1]), pushed.filter((p) => p[0] === id).map((p) => p[2])]));
  });

  it('grows past the capacity it was sized for, however small, keeping every entry and byte', () => {
    for (const capacity of [0, 1, 3]) {
      const b = new ListBuilder(true, capacity);
      for (let i = 0; i < 9; i++) b.push(i % 2, 100 + i, i);
      expect([...b.lists()].map(([id, es, bytes]) => [id, Array.from(es), Array.from(bytes)])).toEqual([
        [0, [100, 102, 104, 106, 108], [0, 2, 4, 6, 8]],
        [1, [101, 103, 105, 107], [1, 3, 5, 7]],
      ]);
    }
  });

  it('gives empty bytes when it keeps none', () => {
    const b = new ListBuilder();
    b.push(3, 1);
    b.push(3, 2);
    expect([...b.lists()].map(([id, es, bytes]) => [id, Array.from(es), bytes.length])).toEqual([[3, [1, 2], 0]]);
  });
});

describe('moreOf', () => {
  const entries = (...gids: number[]) => Int32Array.from(gids, (g) => entry(g, 0));

  it("keeps the bigram's passages that the word's own list lacks", () => {
    const word = Int32Array.from([entry(2, 3), entry(7, 1)]);
    expect(Array.from(moreOf(entries(1, 2, 5, 7, 9), word, SLOT_BITS)!)).toEqual([entry(1, 0), entry(5, 0), entry(9, 0)]);
  });

  it('is empty when the word stands in every passage of its bigram', () => {
    expect(moreOf(entries(4, 6), Int32Array.from([entry(4, 2), entry(6, 8)]), SLOT_BITS)).toEqual(new Int32Array(0));
  });

  it("is null when the word's list holds a passage its bigram's lacks, first, last or between", () => {
    for (const word of [[1, 4], [4, 12], [4, 5, 6]]) expect(moreOf(entries(4, 6), entries(...word), SLOT_BITS)).toBeNull();
  });

  it('agrees with a set difference, or is null exactly when the word is no subset (any lists)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60)), fc.uniqueArray(fc.nat(60)), (a, b) => {
        const gram = [...a].sort((x, y) => x - y);
        const word = [...b].sort((x, y) => x - y);
        const got = moreOf(entries(...gram), Int32Array.from(word, (g) => entry(g, g % 9)), SLOT_BITS);
        if (!word.every((g) => gram.includes(g))) return got === null;
        return got !== null && Array.from(got).join() === gram.filter((g) => !word.includes(g)).map((g) => entry(g, 0)).join();
      }),
    );
  });
});
