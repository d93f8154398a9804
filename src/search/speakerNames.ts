// Speaker names as users type them: a label is kept as the transcript writes
// it (唐鳳, 《北京青年报》记者), and found by any spelling of its entry: the
// other script (唐凤), another label of the outlet (北京青年报记者), the outlet
// itself, or a name of its aliases.tsv group (engine.aliases).

import { matchForm } from '../analysis/normalize.js';
import type { Engine } from '../index/engine.js';

/** The entry (a name of engine.speakers) that `name` spells, if any. */
export function speakerEntry(engine: Engine, name: string): string | undefined {
  return engine.speakers.has(name) ? name : engine.aliases.byForm.get(matchForm(name));
}

/**
 * Every label of the entry `name` spells, the entry's name first: what the index tags its passages
 * with. 唐凤 finds 唐鳳; 共同社 finds 日本共同社记者 and 共同社记者. A name of no entry is itself.
 */
export function speakerSpellings(engine: Engine, name: string): string[] {
  const entry = speakerEntry(engine, name);
  return entry === undefined ? [name] : (engine.aliases.labels.get(entry) ?? [entry]);
}
