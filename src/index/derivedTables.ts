// The tables createEngine derives (engine.ts deriveTables) as bytes, so a store
// can keep them as the index was written and a server open them as they are:
// derived anew they took ~0.8 s of every PostgreSQL server's start at 100 MB,
// one pass over 261,000 passages per table.
//
//   header (JSON): the layout, the passages and documents they were derived
//   for, each typed array's name, type and length in the order they follow,
//   and the tables of names (speakers, aliases, topics, outlets).
//   arrays (bytes): the typed arrays, each padded to 4 bytes.

import type { DerivedTables, SpeakerProfile } from './engine.js';
import type { SpeakerAliases } from './aliases.js';
import type { SaidOrder, Units } from './units.js';
import { ALIAS_RULES } from './aliasRules.js';

/**
 * Numbers what deriveTables gives. A stored copy is opened only by a reader of the same layout and
 * rules (derivedFingerprint): raise it when the derivation changes what it gives, as aliasRules.ts's
 * table is already part of the fingerprint.
 */
export const DERIVED_LAYOUT = 1;

type ArrayType = 'i32' | 'u32' | 'u8';
type Typed = Int32Array | Uint32Array | Uint8Array;
const TYPES = { i32: Int32Array, u32: Uint32Array, u8: Uint8Array } as const;
const typeOf = (a: Typed): ArrayType => (a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : 'u8');

type Entries<V> = Array<[string, V]>;

interface Header {
  layout: number;
  passages: number;
  documents: number;
  arrays: Array<[name: string, type: ArrayType, length: number]>;
  speakers: SpeakerProfile[];
  aliases: { [K in keyof SpeakerAliases]: Entries<SpeakerAliases[K] extends Map<string, infer V> ? V : never> };
  speakerNames: string[];
  topicNames: string[];
  unitCount: number;
  /** Outlet → which of the `byOutlet` arrays is its list: a spelling shares its outlet's list, as deriveTables gives it. */
  byOutlet: Entries<number>;
}

/** Everything that decides the tables besides the documents: the layout, the alias rules and the user's groups. */
export function derivationInputs(aliasGroups: readonly (readonly string[])[]): string {
  return JSON.stringify([DERIVED_LAYOUT, ALIAS_RULES, aliasGroups], (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}

export function encodeDerived(t: DerivedTables, documents: number): { header: string; arrays: Buffer } {
  const outletLists: Uint32Array[] = [];
  const byOutlet: Entries<number> = [...t.units.byOutlet].map(([outlet, list]) => {
    let i = outletLists.indexOf(list);
    if (i < 0) i = outletLists.push(list) - 1;
    return [outlet, i];
  });
  const { facetTables: f, units: u, saidOrder: s } = t;
  const named: Array<[string, Typed]> = [
    ['docOf', t.docOf],
    ['turnFirst', t.turnFirst],
    ['turnLast', t.turnLast],
    ['speakerOf', f.speakerOf],
    ['topicStart', f.topicStart],
    ['topicIds', f.topicIds],
    ['unitOf', u.unitOf],
    ['isQuestion', u.isQuestion],
    ['docAge', u.docAge],
    ['said.all', s.all],
    ['said.gids', s.gids],
    ['said.start', s.start],
    ['said.topicStart', s.topicStart],
    ['said.topicIds', s.topicIds],
    ['said.topicCounts', s.topicCounts],
    ...outletLists.map((l, i): [string, Typed] => [`outlet.${i}`, l]),
  ];
  const entries = <V>(m: Map<string, V>): Entries<V> => [...m];
  const a = t.aliases;
  const header: Header = {
    layout: DERIVED_LAYOUT,
    passages: t.docOf.length,
    documents,
    arrays: named.map(([name, arr]) => [name, typeOf(arr), arr.length]),
    speakers: [...t.speakers.values()],
    aliases: {
      entryOf: entries(a.entryOf),
      labels: entries(a.labels),
      spellings: entries(a.spellings),
      byForm: entries(a.byForm),
      outletOf: entries(a.outletOf),
      outletSpellings: entries(a.outletSpellings),
      outletOfEntry: entries(a.outletOfEntry),
    },
    speakerNames: f.speakerNames,
    topicNames: f.topicNames,
    unitCount: u.count,
    byOutlet,
  };
  const padded = (bytes: number) => Math.ceil(bytes / 4) * 4;
  const arrays = Buffer.alloc(named.reduce((n, [, arr]) => n + padded(arr.byteLength), 0));
  let at = 0;
  for (const [, arr] of named) {
    arrays.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
    at += padded(arr.byteLength);
  }
  return { header: JSON.stringify(header), arrays };
}

/**
 * The tables as encodeDerived wrote them, checked against the catalog they are opened with (`passages`,
 * `documents`): every array the length its table needs and every number in range, or `corrupt` names what is not.
 */
export function decodeDerived(headerJson: string, bytes: Uint8Array, shape: { passages: number; documents: number }, corrupt: (detail: string) => Error): DerivedTables {
  const h = JSON.parse(headerJson) as Header;
  if (h.layout !== DERIVED_LAYOUT) throw corrupt(`layout ${h.layout}, this huayu reads ${DERIVED_LAYOUT}`);
  if (h.passages !== shape.passages || h.documents !== shape.documents) {
    throw corrupt(`derived for ${h.passages} passages in ${h.documents} documents, the catalog has ${shape.passages} in ${shape.documents}`);
  }
  // A view needs its offset aligned to its element size: a Buffer from base64 may sit anywhere in Node's
  // pool, and is copied then (a Buffer's slice() would be a view again).
  const own = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const arrays = new Map<string, Typed>();
  let at = 0;
  for (const [name, type, length] of h.arrays) {
    const Ctor = TYPES[type];
    if (!Ctor || at + length * Ctor.BYTES_PER_ELEMENT > own.byteLength) throw corrupt(`array ${name} runs past the ${own.byteLength} bytes`);
    arrays.set(name, new Ctor(own.buffer as ArrayBuffer, own.byteOffset + at, length));
    at += Math.ceil((length * Ctor.BYTES_PER_ELEMENT) / 4) * 4;
  }
  if (at !== own.byteLength) throw corrupt(`${own.byteLength} bytes, the arrays take ${at}`);

  const n = shape.passages;
  const speakers = h.speakerNames.length;
  const topics = h.topicNames.length;
  const array = <T extends Typed>(name: string, type: new (...args: never[]) => T, length: number | null, below: number | null, orNone = false): T => {
    const a = arrays.get(name);
    if (!(a instanceof type)) throw corrupt(`no array ${name} of its type`);
    if (length !== null && a.length !== length) throw corrupt(`array ${name} has ${a.length} numbers, ${length} expected`);
    if (below !== null) {
      const low = orNone ? -1 : 0;
      // An indexed loop over the bounds alone: iterated with for…of and the condition above, the checks took ~0.1 s at 100 MB.
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        if (v >= below || v < low) throw corrupt(`array ${name} holds ${v}, out of range`);
      }
    }
    return a;
  };
  const facetTopicIds = array('topicIds', Uint32Array, null, topics);
  const facetTopicStart = array('topicStart', Uint32Array, n + 1, facetTopicIds.length + 1);
  const saidStart = array('said.start', Uint32Array, speakers + 1, n + 1);
  const saidTopicIds = array('said.topicIds', Uint32Array, null, topics);
  const units: Units = {
    unitOf: array('unitOf', Int32Array, n, h.unitCount, true),
    count: h.unitCount,
    isQuestion: array('isQuestion', Uint8Array, n, 2),
    byOutlet: new Map(h.byOutlet.map(([outlet, i]) => [outlet, array(`outlet.${i}`, Uint32Array, null, n)])),
    docAge: array('docAge', Uint32Array, shape.documents, shape.documents),
  };
  const saidOrder: SaidOrder = {
    all: array('said.all', Uint32Array, null, n),
    gids: array('said.gids', Uint32Array, null, n),
    start: saidStart,
    topicStart: array('said.topicStart', Uint32Array, speakers + 1, saidTopicIds.length + 1),
    topicIds: saidTopicIds,
    topicCounts: array('said.topicCounts', Uint32Array, saidTopicIds.length, null),
  };
  const a = h.aliases;
  return {
    docOf: array('docOf', Uint32Array, n, shape.documents),
    turnFirst: array('turnFirst', Int32Array, n, n),
    turnLast: array('turnLast', Int32Array, n, n),
    aliases: {
      entryOf: new Map(a.entryOf),
      labels: new Map(a.labels),
      spellings: new Map(a.spellings),
      byForm: new Map(a.byForm),
      outletOf: new Map(a.outletOf),
      outletSpellings: new Map(a.outletSpellings),
      outletOfEntry: new Map(a.outletOfEntry),
    },
    speakers: new Map(h.speakers.map((p) => [p.name, p])),
    facetTables: {
      speakerNames: h.speakerNames,
      speakerIds: new Map(h.speakerNames.map((name, i) => [name, i])),
      speakerOf: array('speakerOf', Int32Array, n, speakers, true),
      topicNames: h.topicNames,
      topicStart: facetTopicStart,
      topicIds: facetTopicIds,
    },
    units,
    saidOrder,
  };
}
