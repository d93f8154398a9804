// The judge of issue 13: a topic is a piece of a longer word when one
// neighbouring character (a letter, digit or Han character; punctuation and
// spaces are boundaries) stands beside it on one side in at least 90% of its
// occurrences in the corpus text.

const WORD_CHAR = /[\p{L}\p{N}]/u;

export interface PieceVerdict {
  topic: string;
  occurrences: number;
  /** The most frequent neighbour on either side, and its share of the occurrences. */
  neighbour: string;
  share: number;
  piece: boolean;
}

export function judgePiece(topic: string, texts: readonly string[]): PieceVerdict {
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  let n = 0;
  for (const text of texts) {
    for (let i = text.indexOf(topic); i >= 0; i = text.indexOf(topic, i + 1)) {
      n++;
      const l = [...text.slice(Math.max(0, i - 2), i)].pop() ?? '';
      const r = [...text.slice(i + topic.length, i + topic.length + 2)][0] ?? '';
      if (WORD_CHAR.test(l)) left.set(l, (left.get(l) ?? 0) + 1);
      if (WORD_CHAR.test(r)) right.set(r, (right.get(r) ?? 0) + 1);
    }
  }
  let neighbour = '';
  let most = 0;
  for (const m of [left, right]) for (const [c, k] of m) if (k > most) [neighbour, most] = [c, k];
  const share = n ? most / n : 0;
  return { topic, occurrences: n, neighbour, share, piece: n > 0 && share >= 0.9 };
}
