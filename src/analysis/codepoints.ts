// JavaScript indexes strings by UTF-16 code unit; the API speaks Unicode code
// points (what a W3C TextPositionSelector and Python use). A character outside
// the Basic Multilingual Plane (𠮷) is two units and one code point.

export class CodePointIndex {
  private constructor(
    /** UTF-16 offsets of the high surrogates of astral characters, ascending. */
    private readonly astral: readonly number[],
  ) {}

  static of(text: string): CodePointIndex {
    return new CodePointIndex(astralOffsets(text));
  }

  /** The index of a text whose astral characters stand at `offsets` (astralOffsets): a store keeps those, not the text. */
  static fromAstral(offsets: readonly number[]): CodePointIndex {
    return new CodePointIndex(offsets);
  }

  /** Code point offset of a UTF-16 offset (which must not split a pair). */
  toCodePoint(u16: number): number {
    return u16 - this.countBefore(u16);
  }

  /** UTF-16 offset of a code point offset. */
  toUtf16(cp: number): number {
    // Each astral character before the target adds one unit; walk them in order.
    let u16 = cp;
    for (const a of this.astral) {
      if (a < u16) u16++;
      else break;
    }
    return u16;
  }

  private countBefore(u16: number): number {
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** UTF-16 offsets of the high surrogates of the text's astral characters (𠮷), ascending: empty for most texts. */
export function astralOffsets(text: string): number[] {
  const astral: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral.push(i);
        i++;
      }
    }
  }
  return astral;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
}
