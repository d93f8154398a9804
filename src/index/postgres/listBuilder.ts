// A batch's lists, gathered as (list, entry) pairs in passage order and
// grouped by a stable radix sort on the list's number, so every list comes out
// ascending without a Map of growing arrays: at 10 MB that Map took 1.6 s of
// the batch's 2.2 s of preparation (a bigram key is past V8's small integers,
// so each one was boxed to be looked up). A word's entries carry a byte each
// too (its tf), as a bigram's do (its first place in the passage); a tag's none.

export class ListBuilder {
  private ids: Uint32Array<ArrayBuffer>;
  private entries: Int32Array<ArrayBuffer>;
  private bytes: Uint8Array<ArrayBuffer>;
  private n = 0;

  /**
   * `capacity`: the entries it will likely be given. Grown from 65,536 by doubling, a 32 MB batch's
   * bigrams (~11 million) were copied eight times into fresh memory: ~2.7 s of the main thread's
   * ~33 s for 100 MB.
   */
  constructor(
    private readonly withBytes = false,
    capacity = 1 << 16,
  ) {
    const size = Math.max(1, capacity);
    this.ids = new Uint32Array(size);
    this.entries = new Int32Array(size);
    this.bytes = new Uint8Array(withBytes ? size : 0);
  }

  get size(): number {
    return this.n;
  }

  push(id: number, entry: number, byte = 0): void {
    if (this.n === this.ids.length) {
      this.ids = grown(this.ids, new Uint32Array(this.n * 2));
      this.entries = grown(this.entries, new Int32Array(this.n * 2));
      if (this.withBytes) this.bytes = grown(this.bytes, new Uint8Array(this.n * 2));
    }
    this.ids[this.n] = id;
    if (this.withBytes) this.bytes[this.n] = byte;
    this.entries[this.n++] = entry;
  }

  /** Each list's number, its entries in the order pushed and their bytes (empty without), by ascending number. */
  *lists(): Generator<[id: number, entries: Int32Array, bytes: Uint8Array]> {
    let ids = this.ids.subarray(0, this.n);
    let entries = this.entries.subarray(0, this.n);
    let bytes: Uint8Array = this.bytes.subarray(0, this.withBytes ? this.n : 0);
    let ids2 = new Uint32Array(this.n);
    let entries2 = new Int32Array(this.n);
    let bytes2: Uint8Array = new Uint8Array(bytes.length);
    const count = new Uint32Array(65537);
    let top = 0;
    for (let i = 0; i < ids.length; i++) top |= ids[i]!;
    // Numbers below 65536 (a batch's words) need one pass; bigram keys two.
    for (const shift of top >>> 16 ? [0, 16] : [0]) {
      count.fill(0);
      for (let i = 0; i < ids.length; i++) count[((ids[i]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
      for (let i = 0; i < ids.length; i++) {
        const at = count[(ids[i]! >>> shift) & 0xffff]!++;
        ids2[at] = ids[i]!;
        entries2[at] = entries[i]!;
        if (this.withBytes) bytes2[at] = bytes[i]!;
      }
      [ids, ids2] = [ids2, ids];
      [entries, entries2] = [entries2, entries];
      [bytes, bytes2] = [bytes2, bytes];
    }
    for (let i = 0; i < ids.length; ) {
      let j = i + 1;
      while (j < ids.length && ids[j] === ids[i]) j++;
      yield [ids[i]!, entries.subarray(i, j), bytes.subarray(Math.min(i, bytes.length), Math.min(j, bytes.length))];
      i = j;
    }
  }
}

function grown<T extends Uint32Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A two-unit word's `more` (schema.ts): the entries of its bigram's list (passage × 2^slotBits, slot 0)
 * whose passage its own list lacks, both ascending by passage. Null when its list holds a passage the
 * bigram's lacks, where a reader could not take the two as the string's passages (never for a word that
 * stands in its passages' compact bodies, as every word of the analyzer does).
 */
export function moreOf(gram: Int32Array, word: Int32Array, slotBits: number): Int32Array | null {
  // Every passage of the word's list is one of the bigram's: the rest are this many.
  if (gram.length < word.length) return null;
  const more = new Int32Array(gram.length - word.length);
  let n = 0;
  let w = 0;
  for (let g = 0; g < gram.length; g++) {
    const passage = gram[g]! >> slotBits;
    if (w < word.length && word[w]! >> slotBits < passage) return null;
    if (w < word.length && word[w]! >> slotBits === passage) w++;
    else if (n === more.length) return null;
    else more[n++] = gram[g]!;
  }
  return w === word.length ? more : null;
}
