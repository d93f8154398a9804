// An engine's text source that notes which documents each fetch asked for,
// whole or as spans: what the paging tests count.

import type { Engine } from '../../src/index/engine.js';
import type { TextSource } from '../../src/index/texts.js';

export function textSpy(engine: Engine): { texts: TextSource; asked: number[][] } {
  const asked: number[][] = [];
  const texts: TextSource = {
    fetch: (docs) => (asked.push([...docs]), engine.texts.fetch(docs)),
    fetchSpans: (spans) => {
      const list = [...spans];
      asked.push(list.map((s) => s.doc));
      return engine.texts.fetchSpans(list);
    },
    details: (doc) => engine.texts.details(doc),
  };
  return { texts, asked };
}
