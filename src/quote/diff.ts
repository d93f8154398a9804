// What differs between a quote and its source, shown on the original
// characters. The comparison runs on the compact normalized forms (so a comma
// for a 、 or a Traditional character is not a difference), and every run is
// mapped back: equal and delete runs show the source's characters and
// concatenate to the verbatim source span; insert runs show the quote's own.

import { diffChars } from 'diff';

export interface DiffRun {
  /** equal: in both; delete: in the source, not in the quote; insert: in the quote, not in the source. */
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A compact form and where its units sit in an original string. */
export interface MappedText {
  /** The original string the offsets point into. */
  original: string;
  compact: string;
  /** offsets[k]: offset in `original` of compact unit k. */
  offsets: ArrayLike<number>;
  /** Offset in `original` where the span ends. */
  end: number;
}

/** Original text of compact units [a, b): punctuation between units goes with the unit before it. */
function originalSlice(t: MappedText, a: number, b: number): string {
  const from = a === 0 ? t.offsets[0] ?? t.end : t.offsets[a]!;
  const to = b >= t.compact.length ? t.end : t.offsets[b]!;
  return t.original.slice(from, to);
}

export function diffRuns(source: MappedText, quote: MappedText): DiffRun[] {
  const runs: DiffRun[] = [];
  let a = 0;
  let b = 0;
  for (const part of diffChars(source.compact, quote.compact)) {
    const n = part.value.length;
    if (part.removed) {
      runs.push({ op: 'delete', text: originalSlice(source, a, a + n) });
      a += n;
    } else if (part.added) {
      runs.push({ op: 'insert', text: originalSlice(quote, b, b + n) });
      b += n;
    } else {
      runs.push({ op: 'equal', text: originalSlice(source, a, a + n) });
      a += n;
      b += n;
    }
  }
  return runs;
}
