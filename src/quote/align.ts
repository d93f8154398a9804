// Where a misquoted text comes closest to the source: approximate substring
// matching (Sellers' dynamic programme), the smallest edit distance between
// the pattern and any substring of the text.

export interface Window {
  start: number;
  end: number;
  distance: number;
}

export function bestWindow(pattern: string, text: string): Window {
  const m = pattern.length;
  const n = text.length;
  let prev = new Int32Array(n + 1); // row 0: matching nothing costs nothing, anywhere
  let prevStart = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Int32Array(n + 1);
  let curStart = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    curStart[0] = 0;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      // Prefer the diagonal on ties, so a changed character is a substitution inside the window.
      let best = prev[j - 1]! + (pc === text.charCodeAt(j - 1) ? 0 : 1);
      let start = prevStart[j - 1]!;
      const skipPattern = prev[j]! + 1;
      if (skipPattern < best) {
        best = skipPattern;
        start = prevStart[j]!;
      }
      const skipText = cur[j - 1]! + 1;
      if (skipText < best) {
        best = skipText;
        start = curStart[j - 1]!;
      }
      cur[j] = best;
      curStart[j] = start;
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let end = 0;
  for (let j = 1; j <= n; j++) {
    const better = prev[j]! < prev[end]!;
    const longerAtSameCost = prev[j] === prev[end] && j - prevStart[j]! > end - prevStart[end]!;
    if (better || longerAtSameCost) end = j;
  }
  return { start: prevStart[end]!, end, distance: prev[end]! };
}

/** 1 for identical strings, falling with each edit, relative to the longer one. */
export function similarity(distance: number, a: number, b: number): number {
  const longer = Math.max(a, b);
  return longer === 0 ? 1 : Math.max(0, 1 - distance / longer);
}
