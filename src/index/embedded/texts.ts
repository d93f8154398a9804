// The documents' texts as the index read them, in one file of UTF-16LE (what a
// JavaScript string holds, so a text is a copy of bytes, not a decoding): at
// 100 MB decoding the transcripts' UTF-8 again took most of a second of every
// start. A transcript whose size and modification time are as recorded is then
// not read at all; offsets always refer to the text the index was built from.
//
//   u32 magic, u32 layout, u32 documents · u32[documents + 1] byte start · the texts

import { createError } from '../../errors.js';

const MAGIC = 0x58545948; // "HYTX"
const LAYOUT = 1;
const HEADER = 3;

export function writeTexts(texts: readonly string[]): Buffer {
  const starts = new Uint32Array(texts.length + 1);
  const parts = texts.map((t) => Buffer.from(t, 'utf16le'));
  parts.forEach((p, i) => (starts[i + 1] = starts[i]! + p.length));
  const head = new Uint32Array([MAGIC, LAYOUT, texts.length]);
  return Buffer.concat([Buffer.from(head.buffer), Buffer.from(starts.buffer), ...parts]);
}

export function readTexts(buf: Buffer, dir: string): string[] {
  const corrupt = (detail: string) => createError('INDEX_CORRUPT', dir, `texts.bin: ${detail}`);
  if (buf.length < HEADER * 4) throw corrupt('the file is shorter than its header');
  const [magic, layout, n] = [buf.readUInt32LE(0), buf.readUInt32LE(4), buf.readUInt32LE(8)];
  if (magic !== MAGIC || layout !== LAYOUT) throw corrupt('not a text file of this layout');
  const data = (HEADER + n + 1) * 4;
  if (buf.length < data) throw corrupt('the file is shorter than its table');
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = [buf.readUInt32LE((HEADER + i) * 4), buf.readUInt32LE((HEADER + i + 1) * 4)];
    if (a > b || data + b > buf.length || (b - a) % 2 !== 0) throw corrupt(`text ${i} is out of range`);
    out[i] = buf.toString('utf16le', data + a, data + b);
  }
  if (data + buf.readUInt32LE((HEADER + n) * 4) !== buf.length) throw corrupt('bytes are left over after the texts');
  return out;
}
