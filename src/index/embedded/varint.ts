// Unsigned varints (7 bits a byte, low first) and delta-coded ascending
// lists: how the bigram lists and the word and tag lists are written.

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
 * Reads `buf` number by number. A closure, not a method: at 100 MB the bigram lists are 33 M numbers,
 * and a method call per number was a second of every start. `end()` checks nothing is left over.
 */
export function varintReader(buf: Uint8Array, what: string): { read: () => number; end: () => void } {
  let at = 0;
  const read = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (at >= buf.length) throw new Error(`${what}: truncated`);
      const b = buf[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
      if (shift > 35) throw new Error(`${what}: corrupt varint`);
    }
  };
  return {
    read,
    end: () => {
      if (at !== buf.length) throw new Error(`${what}: trailing bytes`);
    },
  };
}
