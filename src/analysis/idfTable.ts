// jieba's IDF table (idf.utf8: 260,000 "word value" lines) as ranking and
// topic choice read it. A Map of its words held ~80 MB of a server's memory,
// and the file kept as one string 8.7 MB (two bytes a character, the values
// written out); here the words alone are one string, and an open-addressing
// table of typed arrays finds where a word stands in it. Same values, same
// mean for unknown words.

const EMPTY = -1;

export class IdfTable {
  /** Line i's word is text[starts[i] .. starts[i + 1]). */
  private readonly text: string;
  private readonly starts: Uint32Array;
  /** By line: its value; a word met again is looked up at its first line, which takes the later value. */
  private readonly values: Float64Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;
  /** The mean over the file's lines, as jieba's extractor gives an unknown word. */
  readonly average: number;

  constructor(file: string) {
    let lines = 1;
    for (let at = file.indexOf('\n'); at >= 0; at = file.indexOf('\n', at + 1)) lines++;
    // The words copied out one code unit at a time: a string per line cost twice the time.
    const units = new Uint16Array(file.length);
    const starts = new Uint32Array(lines + 1);
    const values = new Float64Array(lines);
    let n = 0;
    let length = 0;
    let sum = 0;
    for (let start = 0; start < file.length; ) {
      let end = file.indexOf('\n', start);
      if (end < 0) end = file.length;
      const sp = file.lastIndexOf(' ', end - 1);
      if (sp > start) {
        for (let i = start; i < sp; i++) units[length++] = file.charCodeAt(i);
        values[n] = Number(file.slice(sp + 1, end));
        sum += values[n]!;
        starts[++n] = length;
      }
      start = end + 1;
    }
    let text = '';
    for (let i = 0; i < length; i += 8192) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
    this.text = text;
    // Sized by lines, a line or two more than the words: kept as they are rather than copied.
    this.starts = starts;
    this.values = values;
    let bits = 4;
    while (1 << bits < n * 2) bits++;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(1 << bits).fill(EMPTY);
    for (let i = 0; i < n; i++) {
      const slot = this.probe(text, this.starts[i]!, this.starts[i + 1]!);
      const k = this.slots[slot]!;
      // A word met again takes its later value, as a Map's set would.
      if (k !== EMPTY) this.values[k] = this.values[i]!;
      else {
        this.slots[slot] = i;
        this.count++;
      }
    }
    this.average = this.count ? sum / this.count : 10;
  }

  get size(): number {
    return this.count;
  }

  get(word: string): number | undefined {
    const k = this.slots[this.probe(word, 0, word.length)]!;
    return k === EMPTY ? undefined : this.values[k];
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  /** The slot holding text[a .. b), or the empty slot where it would go. */
  private probe(text: string, a: number, b: number): number {
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    for (let slot = (h >>> 0) & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.slots[slot]!;
      if (k === EMPTY || this.same(k, text, a, b)) return slot;
    }
  }

  private same(k: number, text: string, a: number, b: number): boolean {
    const from = this.starts[k]!;
    if (this.starts[k + 1]! - from !== b - a) return false;
    for (let i = 0; i < b - a; i++) if (this.text.charCodeAt(from + i) !== text.charCodeAt(a + i)) return false;
    return true;
  }
}
