// Posting lists as stored: gap varints, one run of bytes per key, and a table
// of each key's count and where its bytes start, so the file is read as it is
// (no gzip) and decoded in one pass; the store decodes it on a worker thread
// while the main thread reads the catalog (listsThread.ts).
//
//   u32 magic, u32 layout, u32 keys, u32 postings
//   u32[keys] key · u32[keys] count · u32[keys + 1] byte start · the bytes
//
// Little-endian, so the tables are views of the file's buffer where aligned.
//
// Decoding a list only when a query first reads it, with a bounded cache, was
// tried: opening was 1.3 s shorter at 100 MB and held 160 MB less, but every
// decoded list is a new ArrayBuffer, and the first major collection after a
// start then fell among queries (10-30 ms pauses in the first thousand).

import { createError } from '../../errors.js';
import { decodeGaps } from '../varint.js';

const MAGIC = 0x48594247; // "HYBG"
const LAYOUT = 1;
const HEADER = 4;

/** Every list of a packed file, decoded into one array: the arrays are new, to be moved between threads. */
export interface DecodedLists {
  keys: Uint32Array;
  offsets: Uint32Array;
  postings: Uint32Array;
}

/** The file: keys ascending, each key's list postings[offsets[r] .. offsets[r + 1]). */
export function packLists({ keys, offsets, postings }: DecodedLists): Buffer {
  const n = keys.length;
  const counts = new Uint32Array(n);
  const starts = new Uint32Array(n + 1);
  let data = new Uint8Array(Math.max(16, postings.length * 2));
  let at = 0;
  for (let r = 0; r < n; r++) {
    const list = postings.subarray(offsets[r]!, offsets[r + 1]!);
    counts[r] = list.length;
    starts[r] = at;
    if (at + list.length * 5 > data.length) {
      const bigger = new Uint8Array(Math.max(data.length * 2, at + list.length * 5));
      bigger.set(data.subarray(0, at));
      data = bigger;
    }
    let prev = 0;
    for (let i = 0; i < list.length; i++) {
      let v = list[i]! - prev;
      prev = list[i]!;
      while (v >= 0x80) {
        data[at++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      data[at++] = v;
    }
  }
  starts[n] = at;
  const head = new Uint32Array([MAGIC, LAYOUT, n, postings.length]);
  return Buffer.concat([u8(head), u8(keys), u8(counts), u8(starts), data.subarray(0, at)]);
}

/** Decodes a file of packLists; `where` names the index folder and the file in errors. */
export function unpackLists(buf: Uint8Array, where: { dir: string; file: string }): DecodedLists {
  const corrupt = (detail: string) => createError('INDEX_CORRUPT', where.dir, `${where.file}: ${detail}`);
  const words = (from: number, count: number): Uint32Array => {
    const byteStart = buf.byteOffset + from * 4;
    if ((from + count) * 4 > buf.length) throw corrupt('the file is shorter than its header says');
    return byteStart % 4 === 0 ? new Uint32Array(buf.buffer, byteStart, count) : new Uint32Array(buf.slice(from * 4, (from + count) * 4).buffer);
  };
  const head = words(0, HEADER);
  if (head[0] !== MAGIC || head[1] !== LAYOUT) throw corrupt('not a list file of this layout');
  const n = head[2]!;
  const total = head[3]!;
  const keys = words(HEADER, n).slice();
  const counts = words(HEADER + n, n);
  const starts = words(HEADER + 2 * n, n + 1);
  const bytes = buf.subarray((HEADER + 3 * n + 1) * 4);
  if (starts[n] !== bytes.length) throw corrupt(`${bytes.length} bytes of lists, the header says ${starts[n]}`);
  const offsets = new Uint32Array(n + 1);
  const postings = new Uint32Array(total);
  let at = 0;
  let p = 0;
  for (let r = 0; r < n; r++) {
    if (starts[r] !== at) throw corrupt(`list ${r} does not start where the one before ended`);
    offsets[r] = p;
    const count = counts[r]!;
    if (p + count > total) throw corrupt(`list ${r} runs past the ${total} postings the header says`);
    at = decodeGaps(bytes, at, starts[r + 1]!, count, postings, p);
    if (at < 0) throw corrupt(`list ${r} is cut or malformed`);
    if (at !== starts[r + 1]) throw corrupt(`list ${r} has bytes left over`);
    p += count;
  }
  offsets[n] = p;
  if (p !== total) throw corrupt(`${p} postings, the header says ${total}`);
  return { keys, offsets, postings };
}

function u8(a: Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
