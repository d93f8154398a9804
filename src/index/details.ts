// Tables of the documents' details (engine.ts DocumentDetails): objects in
// memory after a build, or compressed JSON lines in blocks of BLOCK documents,
// a block inflated and one line parsed when a document's view asks for it.
//
//   details.bin: u32 magic, u32 layout, u32 documents · u32[blocks + 1] byte start · raw deflate blocks

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DetailsTable, DocumentDetails } from './engine.js';

const MAGIC = 0x54445948; // "HYDT"
const LAYOUT = 1;
const HEADER = 3;
/**
 * Documents a compressed block: a view inflates ~50 KB (~0.2 ms). One block a document compressed 3.4x
 * worse and took 0.56 s to write at 100 MB (a zlib stream set up 8,700 times); blocks of 32, 0.15 s.
 */
const BLOCK = 32;

/** A parsed document as the index keeps it: its details apart. */
export function splitDetails<D extends DocumentDetails>(doc: D): { details: DocumentDetails; rest: Omit<D, keyof DocumentDetails> } {
  const { roster, turns, meta, ...rest } = doc;
  return { details: { roster, turns, meta }, rest };
}

export function detailsList(list: readonly DocumentDetails[]): DetailsTable {
  return { length: list.length, get: (doc) => list[doc]! };
}

/** Several tables as one: `at[i]` is [table, document] of document i. */
export function detailsJoined(tables: readonly DetailsTable[], at: ReadonlyArray<readonly [number, number]>): DetailsTable {
  return { length: at.length, get: (doc) => tables[at[doc]![0]]!.get(at[doc]![1]) };
}

/** At 100 MB the table stays 1.5 MB in memory, where its JSON was 15 MB (and its objects more). */
export function writeDetails(table: DetailsTable): Buffer {
  const blocks: Buffer[] = [];
  for (let first = 0; first < table.length; first += BLOCK) {
    const lines: string[] = [];
    for (let i = first; i < Math.min(first + BLOCK, table.length); i++) lines.push(JSON.stringify(table.get(i)));
    blocks.push(deflateRawSync(lines.join('\n')));
  }
  const head = new Uint32Array(HEADER + blocks.length + 1);
  head.set([MAGIC, LAYOUT, table.length]);
  blocks.forEach((b, i) => (head[HEADER + i + 1] = head[HEADER + i]! + b.length));
  return Buffer.concat([Buffer.from(head.buffer), ...blocks]);
}

/** The table of a details.bin; `corrupt` names what is wrong with it. */
export function readDetails(bytes: Buffer, corrupt: (detail: string) => Error): DetailsTable {
  if (bytes.length < HEADER * 4 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== LAYOUT) throw corrupt('not a details file of this layout');
  const n = bytes.readUInt32LE(8);
  const blocks = Math.ceil(n / BLOCK);
  const data = (HEADER + blocks + 1) * 4;
  if (bytes.length < data || data + bytes.readUInt32LE((HEADER + blocks) * 4) !== bytes.length) throw corrupt('its table does not match its length');
  const start = (b: number) => data + bytes.readUInt32LE((HEADER + b) * 4);
  // The block read last: a merge rewriting the details reads them in order, 32 from each block.
  let last = { block: -1, lines: [] as string[] };
  return {
    length: n,
    get(doc) {
      const b = Math.floor(doc / BLOCK);
      if (last.block !== b) last = { block: b, lines: inflateRawSync(bytes.subarray(start(b), start(b + 1))).toString('utf8').split('\n') };
      const line = last.lines[doc % BLOCK];
      if (line === undefined) throw corrupt(`block ${b} holds no line for document ${doc}`);
      return JSON.parse(line) as DocumentDetails;
    },
  };
}
