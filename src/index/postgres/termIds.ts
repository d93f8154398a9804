// A batch's words numbered in the order they first occur, read from each
// passage's joined terms (TERM_SEPARATOR between them) in place: a typed hash
// table of the terms' code units, where split() and a Map<string, number> made
// a string and a lookup for each of the ~18 million terms of a 100 MB corpus on
// the writer's main thread, while the analysis threads needed the cores.

import { TERM_SEPARATOR } from '../../analysis/tokenize.js';

const SEPARATOR = TERM_SEPARATOR.charCodeAt(0);
const EMPTY = -1;

export class TermIds {
  /** The terms by number. */
  readonly terms: string[] = [];
  /** The numbers of the last passage read (read), in order. */
  ids = new Int32Array(256);
  private hashes = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 14).fill(EMPTY);

  /** Numbers the passage's non-empty terms, in order, into `ids`; gives how many there are. */
  read(joined: string): number {
    let count = 0;
    for (let start = 0; start < joined.length; ) {
      let end = start;
      let h = 0x811c9dc5;
      for (let c = joined.charCodeAt(end); end < joined.length && c !== SEPARATOR; c = joined.charCodeAt(++end)) h = Math.imul(h ^ c, 0x01000193);
      if (end > start) {
        if (count === this.ids.length) this.ids = grown(this.ids, count * 2);
        this.ids[count++] = this.idOf(joined, start, end, h);
      }
      start = end + 1;
    }
    return count;
  }

  private idOf(joined: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]!;
      if (id === EMPTY) {
        const added = this.terms.length;
        this.terms.push(joined.slice(start, end));
        if (added === this.hashes.length) this.hashes = grown(this.hashes, added * 2);
        this.hashes[added] = h;
        this.slots[s] = added;
        if (2 * this.terms.length > this.slots.length) this.rehash();
        return added;
      }
      const term = this.terms[id]!;
      if (this.hashes[id] === h && term.length === end - start && joined.startsWith(term, start)) return id;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let s = this.hashes[id]! & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
  }
}

function grown(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
