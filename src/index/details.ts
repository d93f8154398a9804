// Tables of the documents' details (engine.ts DocumentDetails): objects in
// memory after a build, or the lines of an index file parsed one at a time
// when a document's view asks for them.

import type { DetailsTable, DocumentDetails } from './engine.js';

export function detailsList(list: readonly DocumentDetails[]): DetailsTable {
  return { length: list.length, get: (doc) => list[doc]! };
}

/** JSON lines, one a document, as read from disk: a line is parsed when its document is viewed. */
export function detailsLines(bytes: Buffer): DetailsTable {
  const starts: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    starts.push(at);
    const end = bytes.indexOf(0x0a, at);
    at = end < 0 ? bytes.length : end + 1;
  }
  starts.push(bytes.length + 1);
  return {
    length: starts.length - 1,
    get: (doc) => JSON.parse(bytes.toString('utf8', starts[doc]!, starts[doc + 1]! - 1)) as DocumentDetails,
  };
}

/** Several tables as one: `at[i]` is [table, document] of document i. */
export function detailsJoined(tables: readonly DetailsTable[], at: ReadonlyArray<readonly [number, number]>): DetailsTable {
  return { length: at.length, get: (doc) => tables[at[doc]![0]]!.get(at[doc]![1]) };
}

/** The details as JSON lines, one a document, for detailsLines to read back. */
export function detailsText(table: DetailsTable): string {
  return Array.from({ length: table.length }, (_, i) => JSON.stringify(table.get(i))).join('\n');
}
