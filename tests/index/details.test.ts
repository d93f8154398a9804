import { describe, expect, it } from 'vitest';
import { detailsJoined, detailsList, readDetails, writeDetails } from '../../src/index/details.js';
import type { DocumentDetails } from '../../src/index/engine.js';

/** A document's details with its number in every field, and a character outside the BMP. */
function detailsOf(i: number): DocumentDetails {
  return {
    roster: [{ name: `𠮷${i}`, title: '局长', org: `局${i}`, designation: '', role: 'official', aliases: [], found: [{ in: 'label', start: i, end: i + 3 }] }],
    turns: { attributions: { label: i }, labelShapes: { colon: i } },
    meta: [{ field: 'title', start: 0, end: i }],
  };
}

describe('document details on disk', () => {
  it('reads back every document of several compressed blocks, the last one partly filled', () => {
    const list = Array.from({ length: 70 }, (_, i) => detailsOf(i));
    const read = readDetails(writeDetails(detailsList(list)), (d) => new Error(d));
    expect(read.length).toBe(70);
    for (let i = 0; i < 70; i++) expect(read.get(i)).toEqual(list[i]);
  });

  it('joins the tables of several parts in the order the engine numbers documents', () => {
    const a = detailsList([detailsOf(0), detailsOf(1)]);
    const b = detailsList([detailsOf(2)]);
    const joined = detailsJoined([a, b], [[1, 0], [0, 1]]);
    expect([joined.get(0), joined.get(1)]).toEqual([detailsOf(2), detailsOf(1)]);
  });

  it('names a file cut short rather than reading past it', () => {
    const bytes = writeDetails(detailsList([detailsOf(0), detailsOf(1)]));
    expect(() => readDetails(bytes.subarray(0, bytes.length - 1), (d) => new Error(`details: ${d}`))).toThrow('details: its table does not match its length');
  });
});
