// Character bigrams of compact normalized text: the path for phrases and
// quotes. Word tokens miss most substrings (a substring segments differently
// alone than in its sentence); bigrams of the same characters do not.

/** A bigram of two UTF-16 units as one number. */
export function bigramKey(a: number, b: number): number {
  return a * 65536 + b;
}

/** The distinct bigram keys of a compact text, ascending. */
export function bigramKeys(compact: string): Uint32Array {
  const n = Math.max(0, compact.length - 1);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = bigramKey(compact.charCodeAt(i), compact.charCodeAt(i + 1));
  keys.sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[u - 1]) keys[u++] = keys[i]!;
  return keys.slice(0, u);
}
