// Unsigned varints (7 bits a byte, low first) and delta-coded ascending
// lists: how the embedded index writes its bigram, word and tag lists, and
// the PostgreSQL store its passages' lengths.

export class VarintWriter {
  private buf: Uint8Array;
  private at = 0;
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }
  write(value: number): void {
    if (this.at + 5 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.at++] = v;
  }
  /** An ascending list: its length, then the gaps between its numbers. */
  list(ids: ArrayLike<number>): void {
    this.write(ids.length);
    let prev = 0;
    for (let i = 0; i < ids.length; i++) {
      this.write(ids[i]! - prev);
      prev = ids[i]!;
    }
  }
  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }
  done(): Buffer {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.at);
  }
}

/**
 * Decodes `count` gap varints from bytes[at ..] into out[outAt ..] as the ascending list they code;
 * returns where the bytes end, or -1 if a varint runs past `end` or past 32 bits. One byte a gap is
 * the common case (dense lists): at 100 MB the lists are 47 M numbers, read at every start.
 */
export function decodeGaps(bytes: Uint8Array, at: number, end: number, count: number, out: Uint32Array, outAt: number): number {
  return decodeVarints(bytes, at, end, count, out, outAt, true);
}

/** Decodes `count` varints as decodeGaps does, each a value of its own unless `gaps` (then each adds to the one before). */
export function decodeVarints(bytes: Uint8Array, at: number, end: number, count: number, out: Uint32Array, outAt: number, gaps = false): number {
  let id = 0;
  for (let i = 0; i < count; i++) {
    if (at >= end) return -1;
    let b = bytes[at++]!;
    let v = b;
    if (b >= 0x80) {
      v = b & 0x7f;
      let shift = 7;
      do {
        if (at >= end || shift > 28) return -1;
        b = bytes[at++]!;
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b >= 0x80);
      if (v > 0xffffffff) return -1;
    }
    id = gaps ? id + v : v;
    out[outAt + i] = id;
  }
  return at;
}
