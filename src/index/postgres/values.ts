// huayu_values (schema.ts): the distinct values of the passages' numbered
// fields, one table for the whole database. A run of "huayu index" goes on
// numbering from what is stored, and each batch appends the values it was
// first to use in its own transaction, so a document's columns never name a
// value that was not committed with them.

import type pg from 'pg';
import { Interner, noPassageValues, type PassageValues } from '../passageColumns.js';
import { copyRows } from './copyRows.js';

type Field = keyof PassageValues;

/** The stored values, by field in id order; ids must run 0, 1, 2… (they are only ever appended). */
export async function readPassageValues(client: pg.Client): Promise<PassageValues> {
  const values = noPassageValues();
  const { rows } = await client.query<{ field: string; id: number; value: string }>('SELECT field, id, value FROM huayu_values ORDER BY field, id');
  for (const r of rows) {
    const list = values[r.field as Field] as unknown[] | undefined;
    if (!list || r.id !== list.length) throw new Error(`pg-store: huayu_values holds ${r.field} ${r.id} where ${list ? `${r.field} ${list.length}` : 'no such field'} was expected`);
    list.push(JSON.parse(r.value));
  }
  return values;
}

/** The writer's table: the stored values and those its batches add, appended with the batch that first used them. */
export class StoredValues {
  private readonly saved: Record<Field, number>;

  private constructor(readonly intern: Interner) {
    this.saved = this.lengths();
  }

  static async read(client: pg.Client): Promise<StoredValues> {
    return new StoredValues(Interner.from(await readPassageValues(client)));
  }

  private lengths(): Record<Field, number> {
    const v = this.intern.values;
    return Object.fromEntries((Object.keys(v) as Field[]).map((f) => [f, v[f].length])) as Record<Field, number>;
  }

  /** Inside the batch's transaction: the values numbered since the last commit. */
  async append(client: pg.Client): Promise<void> {
    const rows: Array<[string, number, string]> = [];
    for (const field of Object.keys(this.saved) as Field[]) {
      const list = this.intern.values[field] as unknown[];
      for (let id = this.saved[field]; id < list.length; id++) rows.push([field, id, JSON.stringify(list[id])]);
    }
    if (rows.length) await copyRows(client, 'huayu_values', [['field', 'text'], ['id', 'int4'], ['value', 'text']], rows);
  }

  /** After the batch's commit: what it appended is stored. */
  committed(): void {
    Object.assign(this.saved, this.lengths());
  }
}
