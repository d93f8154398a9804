// jieba's IDF table (idf.utf8: 260,000 "word value" lines) as ranking and
// topic choice read it. A Map of its words held ~80 MB of a server's memory;
// here the file stays one string, and an open-addressing table of typed arrays
// finds where a word stands in it. Same values, same mean for unknown words.

const EMPTY = -1;

export class IdfTable {
  /** Entry i is the word file[from[i] .. to[i]). */
  private readonly from: Uint32Array;
  private readonly to: Uint32Array;
  private readonly values: Float64Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;
  /** The mean over the file's lines, as jieba's extractor gives an unknown word. */
  readonly average: number;

  constructor(private readonly file: string) {
    let lines = 0;
    for (let at = file.indexOf('\n'); at >= 0; at = file.indexOf('\n', at + 1)) lines++;
    lines++;
    let bits = 4;
    while (1 << bits < lines * 2) bits++;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(1 << bits).fill(EMPTY);
    this.from = new Uint32Array(lines);
    this.to = new Uint32Array(lines);
    this.values = new Float64Array(lines);
    let sum = 0;
    for (let start = 0; start < file.length; ) {
      let end = file.indexOf('\n', start);
      if (end < 0) end = file.length;
      const sp = file.lastIndexOf(' ', end - 1);
      if (sp > start) {
        const v = Number(file.slice(sp + 1, end));
        sum += v;
        const slot = this.probe(file, start, sp);
        const k = this.slots[slot]!;
        // A word met again takes its later value, as a Map's set would.
        if (k !== EMPTY) this.values[k] = v;
        else {
          this.slots[slot] = this.count;
          this.from[this.count] = start;
          this.to[this.count] = sp;
          this.values[this.count++] = v;
        }
      }
      start = end + 1;
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
    const from = this.from[k]!;
    if (this.to[k]! - from !== b - a) return false;
    for (let i = 0; i < b - a; i++) if (this.file.charCodeAt(from + i) !== text.charCodeAt(a + i)) return false;
    return true;
  }
}
