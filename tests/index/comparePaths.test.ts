import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePaths } from '../../src/index/postgres/store.js';

/** The order a folder tree is listed in: segment by segment, a folder's own files before a longer path's. */
function bySegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

const path = fc.array(fc.constantFrom('a', 'b', 'z', '-', '.', '0', '/', '中', '𠮷'), { maxLength: 8 }).map((cs) => cs.join(''));

describe('comparePaths', () => {
  it('orders paths as their segments compare, a segment that ends first coming first', () => {
    fc.assert(fc.property(path, path, (a, b) => Math.sign(comparePaths(a, b)) === Math.sign(bySegments(a, b))), { numRuns: 5000 });
    expect(['a-b/c', 'a/z', 'a', 'a/b/c', '中/x'].sort(comparePaths)).toEqual(['a', 'a/b/c', 'a/z', 'a-b/c', '中/x']);
  });
});
