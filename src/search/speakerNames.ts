// Speaker names as users type them: a name is kept as the transcript writes
// it (唐鳳), and found from either script (唐凤).

import { matchForm } from '../analysis/normalize.js';
import type { Engine } from '../index/engine.js';

const spellings = new WeakMap<Engine, Map<string, string[]>>();

/** Every speaker name of the index written as `name` is, in either script: 唐凤 finds 唐鳳. */
export function speakerSpellings(engine: Engine, name: string): string[] {
  let byForm = spellings.get(engine);
  if (!byForm) {
    byForm = new Map();
    for (const n of engine.speakers.keys()) {
      const form = matchForm(n);
      byForm.set(form, [...(byForm.get(form) ?? []), n]);
    }
    spellings.set(engine, byForm);
  }
  return byForm.get(matchForm(name)) ?? [name];
}

