// Ascending lists of passage numbers, as the stores answer substrings and tags.

/** Intersection of two ascending lists; gallops through the longer one. */
export function intersectSorted(a: ArrayLike<number>, b: ArrayLike<number>): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(small.length);
  let n = 0;
  let lo = 0;
  for (let i = 0; i < small.length && lo < large.length; i++) {
    const x = small[i]!;
    // Gallop to the first element >= x, then binary search inside the step.
    let step = 1;
    let hi = lo;
    while (hi < large.length && large[hi]! < x) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, large.length - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (large[lo] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Union of two ascending lists, ascending, each passage once. */
export function unionSorted(a: ArrayLike<number>, b: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    out[n++] = Math.min(x, y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out.subarray(0, n);
}

/** Whether an ascending list holds x. */
export function holds(sorted: ArrayLike<number> | undefined, x: number): boolean {
  return sorted !== undefined && indexInSorted(sorted, x) >= 0;
}

/** Where x stands in an ascending list of distinct numbers (binary search), or -1. */
export function indexInSorted(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
