// A speaker's view pages what they said and the questions they answered
// alike: a spokesperson of the real transcripts answered thousands, and the
// whole list (with the texts of its documents) came with every page.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index/engine.js';
import { speakerView } from '../../src/search/speakerView.js';
import { HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { textSpy } from '../helpers/textSpy.js';

describe.skipIf(!HAS_SHARED)('speakerView on the real transcripts', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  }, 120_000);

  it('gives a page of the questions a spokesperson answered, with their count, and reads only that page\'s texts', async () => {
    const busiest = [...engine.speakers.values()].filter((s) => s.role === 'official').sort((a, b) => b.passages - a.passages)[0]!;
    const whole = await speakerView(engine, busiest.name, { limit: 100_000, offset: 0 });
    expect(whole.answeredTotal).toBe(whole.answered.length);
    expect(whole.answeredTotal).toBeGreaterThan(30);
    // Whole documents or their spans: either way, the documents a page read.
    const { texts, asked } = textSpy(engine);
    const page = await speakerView({ ...engine, texts }, busiest.name, { limit: 5, offset: 10 });
    expect(page.answeredTotal).toBe(whole.answeredTotal);
    expect(page.answered).toEqual(whole.answered.slice(10, 15));
    expect(page.passages).toEqual(whole.passages.slice(10, 15));
    // Five passages' and five questions' documents at most.
    expect(new Set(asked.flat()).size).toBeLessThanOrEqual(10);
  });
});

if (!HAS_SHARED) console.warn(`speakerView: ${SHARED_SKIP_MESSAGE}`);
