// The compact normalized text of a turn (a passage and the unlabelled
// paragraphs continuing it), so that a quote running from one paragraph into
// the next is found, and the map from that text back to document offsets.

import { compact } from '../analysis/normalize.js';
import type { Bodies } from '../index/bodies.js';
import type { Engine } from '../index/engine.js';

export interface TurnText {
  gids: number[];
  /** Compact bodies of the turn's passages, one after the other. */
  text: string;
  /** starts[k]: offset in `text` where passage gids[k] begins. */
  starts: number[];
}

/** `bodies` holds the turn's (turnGids). */
export function turnText(engine: Engine, bodies: Bodies, anyGid: number): TurnText {
  const first = engine.turnFirst[anyGid]!;
  const last = engine.turnLast[anyGid]!;
  const gids: number[] = [];
  const starts: number[] = [];
  let text = '';
  for (let g = first; g <= last; g++) {
    gids.push(g);
    starts.push(text.length);
    text += bodies.body(g);
  }
  return { gids, text, starts };
}

/** Every passage of the turns of `gids`: the bodies turnText reads. */
export function turnGids(engine: Engine, gids: Iterable<number>): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const gid of gids) {
    const first = engine.turnFirst[gid]!;
    if (seen.has(first)) continue;
    seen.add(first);
    for (let g = first; g <= engine.turnLast[gid]!; g++) out.push(g);
  }
  return out;
}

/** Offset in `turn.text` of position `pos` of passage `gid`'s compact body. */
export function turnOffset(turn: TurnText, gid: number, pos: number): number {
  return turn.starts[turn.gids.indexOf(gid)]! + pos;
}

/** Document offsets (UTF-16) of every unit of the turn's compact text; `text` is the turn's document's. */
export function turnOffsets(engine: Engine, text: string, turn: TurnText): Uint32Array {
  const out = new Uint32Array(turn.text.length);
  turn.gids.forEach((g, k) => {
    const p = engine.passages.at(g)!;
    const c = compact(text.slice(p.bodyStart, p.span.end), p.bodyStart);
    out.set(c.map.subarray(0, c.text.length), turn.starts[k]!);
  });
  return out;
}

/** The passages of the turn that the compact range [a, b) touches. */
export function gidsIn(turn: TurnText, a: number, b: number): number[] {
  return turn.gids.filter((_, k) => {
    const s = turn.starts[k]!;
    const e = k + 1 < turn.starts.length ? turn.starts[k + 1]! : turn.text.length;
    return s < b && e > a;
  });
}
