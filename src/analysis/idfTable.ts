// jieba's IDF table (idf.utf8: 260,000 "word value" lines) as ranking and
// topic choice read it. A Map of its words held ~80 MB of a server's memory,
// and the file kept as one string 8.7 MB (two bytes a character, the values
// written out); here the words alone are one array of code units, and an open-addressing
// table of typed arrays finds where a word stands in it. Same values, same
// mean for unknown words.
//
// Reading the file took every process 0.25 s of its main thread (a server's
// start waited for it), so the build writes the table's arrays to a file
// (toBytes), which a process opens as they are (fromBytes: ~25 ms with the
// read, ~7 of them; most of the rest the range checks that keep a damaged file
// from looping).

const EMPTY = -1;

/** The idf.utf8 a table was read from: a table written for another file is not used. */
export interface IdfSource {
  bytes: number;
  mtimeMs: number;
}

const MAGIC = 'huayu-idf-1';

interface Parts {
  /** Lines read (a word met again is one line each): starts and values hold these, and maybe room for more. */
  lines: number;
  /** Every word's UTF-16 code units, one after another. */
  words: Uint16Array;
  starts: Uint32Array;
  values: Float64Array;
  slots: Int32Array;
  count: number;
  average: number;
}

export class IdfTable {
  /** Line i's word is words[starts[i] .. starts[i + 1]). */
  private readonly words: Uint16Array;
  private readonly starts: Uint32Array;
  /** By line: its value; a word met again is looked up at its first line, which takes the later value. */
  private readonly values: Float64Array;
  private readonly slots: Int32Array;
  private readonly lines: number;
  private readonly count: number;
  /** The mean over the file's lines, as jieba's extractor gives an unknown word. */
  readonly average: number;

  private constructor(parts: Parts) {
    this.lines = parts.lines;
    this.words = parts.words;
    this.starts = parts.starts;
    this.values = parts.values;
    this.slots = parts.slots;
    this.count = parts.count;
    this.average = parts.average;
  }

  /** The table of an idf.utf8 file's text. */
  static parse(file: string): IdfTable {
    let lines = 1;
    for (let i = file.indexOf('\n'); i >= 0; i = file.indexOf('\n', i + 1)) lines++;
    // The words copied out one code unit at a time: a string per line cost twice the time.
    const units = new Uint16Array(file.length);
    const starts = new Uint32Array(lines + 1);
    const values = new Float64Array(lines);
    /** Where line i's word starts in the file. */
    const at = new Uint32Array(lines);
    let n = 0;
    let length = 0;
    let sum = 0;
    for (let start = 0; start < file.length; ) {
      let end = file.indexOf('\n', start);
      if (end < 0) end = file.length;
      const sp = file.lastIndexOf(' ', end - 1);
      if (sp > start) {
        for (let i = start; i < sp; i++) units[length++] = file.charCodeAt(i);
        at[n] = start;
        values[n] = Number(file.slice(sp + 1, end));
        sum += values[n]!;
        starts[++n] = length;
      }
      start = end + 1;
    }
    const words = units.subarray(0, length);
    let bits = 4;
    while (1 << bits < n * 2) bits++;
    const slots = new Int32Array(1 << bits).fill(EMPTY);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const slot = findSlot(slots, words, starts, file, at[i]!, at[i]! + starts[i + 1]! - starts[i]!);
      const k = slots[slot]!;
      // A word met again takes its later value, as a Map's set would.
      if (k !== EMPTY) values[k] = values[i]!;
      else {
        slots[slot] = i;
        count++;
      }
    }
    // Sized by lines, a line or two more than the words: kept as they are rather than copied.
    return new IdfTable({ lines: n, words, starts, values, slots, count, average: count ? sum / count : 10 });
  }

  /** The table as the bytes fromBytes opens, for the file it was read from. */
  toBytes(source: IdfSource): Buffer {
    const units = this.words;
    const values = this.values.subarray(0, this.lines);
    const starts = this.starts.subarray(0, this.lines + 1);
    // The mean as written out: a file with a line like "合 作" gives NaN, which JSON has no number for.
    const header = JSON.stringify({ magic: MAGIC, source, values: values.length, starts: starts.length, slots: this.slots.length, units: units.length, count: this.count, average: String(this.average) });
    // Padded so that every array starts on a multiple of its element's size.
    const head = Buffer.from(header.padEnd(Math.ceil((header.length + 4) / 8) * 8 - 4));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(head.length);
    return Buffer.concat([size, head, ...[values, starts, this.slots, units].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
  }

  /**
   * The table toBytes wrote, or null when it was written for another idf.utf8 (or another format); bytes
   * that do not hold a whole table are an error that says what is wrong.
   */
  static fromBytes(bytes: Uint8Array, source: IdfSource): IdfTable | null {
    const fail = (detail: string) => new Error(`analysis: IDF table file: ${detail}`);
    if (bytes.length < 4) throw fail('shorter than its header');
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLength = view.readUInt32LE(0);
    if (4 + headLength > view.length) throw fail('shorter than its header');
    let h: { magic?: unknown; source?: IdfSource; values: number; starts: number; slots: number; units: number; count: number; average: string };
    try {
      h = JSON.parse(view.toString('utf8', 4, 4 + headLength)) as typeof h;
    } catch {
      throw fail('its header is not JSON');
    }
    if (h.magic !== MAGIC || h.source?.bytes !== source.bytes || h.source.mtimeMs !== source.mtimeMs) return null;
    const counts = [h.values, h.starts, h.slots, h.units, h.count];
    if (!counts.every((c) => Number.isSafeInteger(c) && c >= 0) || h.slots < 1 || (h.slots & (h.slots - 1)) !== 0 || h.count > h.values || h.starts !== h.values + 1) throw fail('its header is inconsistent');
    let at = 4 + headLength;
    const average = Number(h.average);
    if (typeof h.average !== 'string' || (Number.isNaN(average) && h.average !== 'NaN')) throw fail('its header is inconsistent');
    // Views of the file's bytes where they are aligned (a file read whole is, its arrays padded to be), copies where not.
    const take = <A>(n: number, size: number, make: (b: ArrayBufferLike, offset: number, n: number) => A): A => {
      if (at + n * size > view.length) throw fail('shorter than its header says');
      const from = view.byteOffset + at;
      at += n * size;
      if (from % size === 0) return make(view.buffer, from, n);
      return make(new Uint8Array(view.subarray(at - n * size, at)).buffer, 0, n);
    };
    const values = take(h.values, 8, (b, o, n) => new Float64Array(b, o, n));
    const starts = take(h.starts, 4, (b, o, n) => new Uint32Array(b, o, n));
    const slots = take(h.slots, 4, (b, o, n) => new Int32Array(b, o, n));
    const units = take(h.units, 2, (b, o, n) => new Uint16Array(b, o, n));
    if (at !== view.length) throw fail(`${view.length - at} bytes after the table`);
    let used = 0;
    // Indexed loops: a cold for…of over a typed array took 36 ms here, against 6.
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i]!;
      if (k < EMPTY || k >= h.values) throw fail('a slot points outside the table');
      if (k !== EMPTY) used++;
    }
    // A table with no empty slot would never end the search for an unknown word.
    if (used !== h.count || used === slots.length) throw fail(`${used} words in its slots, its header says ${h.count}`);
    for (let i = 1; i < starts.length; i++) if (starts[i]! < starts[i - 1]! || starts[i]! > units.length) throw fail('a word runs outside the text');
    return new IdfTable({ lines: h.values, words: units, starts, values, slots, count: h.count, average });
  }

  get size(): number {
    return this.count;
  }

  get(word: string): number | undefined {
    const k = this.slots[findSlot(this.slots, this.words, this.starts, word, 0, word.length)]!;
    return k === EMPTY ? undefined : this.values[k];
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }
}

/** The slot of `slots` holding text[a .. b) (line i's word is words[starts[i] .. starts[i + 1])), or the empty slot where it would go. */
function findSlot(slots: Int32Array, words: Uint16Array, starts: Uint32Array, text: string, a: number, b: number): number {
  const mask = slots.length - 1;
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
    const k = slots[slot]!;
    if (k === EMPTY || same(words, starts, k, text, a, b)) return slot;
  }
}

function same(words: Uint16Array, starts: Uint32Array, k: number, text: string, a: number, b: number): boolean {
  const from = starts[k]!;
  if (starts[k + 1]! - from !== b - a) return false;
  for (let i = 0; i < b - a; i++) if (words[from + i] !== text.charCodeAt(a + i)) return false;
  return true;
}
