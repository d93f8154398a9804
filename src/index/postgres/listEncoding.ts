// How lists are written into the database and read back: the FlexSearch slot
// kept in each entry's low bits, bigram keys as PostgreSQL integers, a word's
// or tag's entries as big-endian words in a bytea, and the elements of an
// integer[] as array_send sends them. Shared by the writer (write.ts) and a
// serving process's retrieval (retrieval.ts).

import os from 'node:os';
import { bigramKeys } from '../../analysis/ngrams.js';
import { SLOT_BITS } from './schema.js';

/**
 * The slot FlexSearch 0.8 gives the i-th of n terms of a passage: its
 * get_score(resolution 9, n, i), the same arithmetic, so slots agree to the
 * last bit (the stores' comparison test holds them to it).
 */
export function flexSearchSlot(n: number, i: number): number {
  const resolution = 9;
  return i && 1 < resolution ? (n <= resolution ? i : 0 | (((resolution - 1) / n) * i + 1)) : 0;
}

/** A bigram key (two UTF-16 units, up to 2^32 - 1) as a PostgreSQL integer. */
export function signedKey(key: number): number {
  return key | 0;
}

/**
 * The elements of an integer[] sent in PostgreSQL's binary form (array_send), as words in this
 * machine's order: after a header of its dimensions, each element is a length word, then its value,
 * so values stand at `first + 1`, `first + 3`, … Swapped in place, all at once (the bytes were decoded
 * for this and are not read again): reading each value with readInt32BE was the largest share of a
 * loaded server's own work after the collector and the socket. Parsing the text form of 20,000
 * integers took node-postgres 18 ms; these are read in well under one.
 */
export function elementWords(array: Buffer): { words: Int32Array; first: number } {
  const words = bigEndianWords(array);
  return { words, first: 3 + 2 * words[0]! };
}

/** A list's entries as decoded: words[from], words[from + step], … */
export interface Entries {
  words: Int32Array;
  from: number;
  step: 1 | 2;
}

/** The entries of an integer[] sent by array_send. */
export function sentEntries(array: Buffer): Entries {
  const { words, first } = elementWords(array);
  return { words, from: first + 1, step: 2 };
}

/** The entries of a bytea of big-endian words (a word's or tag's keys, schema.ts). */
export function storedEntries(bytes: Buffer): Entries {
  return { words: bigEndianWords(bytes), from: 0, step: 1 };
}

/** How many entries. */
export function entryCount({ words, from, step }: Entries): number {
  return words.length > from ? Math.ceil((words.length - from) / step) : 0;
}

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** Words stored big-endian in bytes, in this machine's order: swapped in place, all at once. A typed array of words starts on a multiple of 4; a small Buffer from Node's pool may not. */
export function bigEndianWords(bytes: Buffer): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  if (LITTLE_ENDIAN) Buffer.from(words.buffer, words.byteOffset, words.byteLength).swap32();
  return words;
}

/** The distinct bigram keys of a compact text, as PostgreSQL integers. */
export function bigramsOf(compact: string): number[] {
  return Array.from(bigramKeys(compact), signedKey);
}

/** The passage keys of an integer[] of entries sent by array_send (key × 2^SLOT_BITS + slot). */
export function keysOf(array: Buffer): number[] {
  const { words, from, step } = sentEntries(array);
  const keys: number[] = [];
  for (let w = from; w < words.length; w += step) keys.push(words[w]! >> SLOT_BITS);
  return keys;
}
