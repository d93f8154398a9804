// The general turn parser replaced two hand-written templates (the seed's news
// report and the Foreign Ministry's transcript). Before they were removed,
// their attribution of every passage of the seed, the MFA fixtures and the 116
// real MFA transcripts was written to fixtures/golden/attributions-two-templates.json
// (kind | speaker name/title/org/role | mode, runs folded as "× n"; participants;
// exchanges). Those layouts must come out of the general parser exactly so.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import type { TranscriptDocument } from '../../src/parse/types.js';
import { FIXTURES, HAS_SHARED, readText, ROOT, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';

interface Pinned {
  participants: string[];
  exchanges: string[];
  passages: string[];
}

const PINNED = JSON.parse(readFileSync(path.join(FIXTURES, 'golden/attributions-two-templates.json'), 'utf8')) as Record<string, Pinned>;

function folded(xs: string[]): string[] {
  const runs: Array<[string, number]> = [];
  for (const x of xs) {
    const last = runs[runs.length - 1];
    if (last && last[0] === x) last[1]++;
    else runs.push([x, 1]);
  }
  return runs.map(([x, n]) => (n > 1 ? `${x} ×${n}` : x));
}

function attributionsOf(doc: TranscriptDocument): Pinned {
  return {
    participants: doc.participants.map((p) => [p.name, p.title, p.org].join('|')),
    exchanges: doc.exchanges.map((e) => [e.question, e.answers.join(','), e.answeredBy ?? '', e.addressee ?? '', e.outlet].join('|')),
    passages: folded(
      doc.passages.map((p) => [p.kind, p.speaker ? [p.speaker.name, p.speaker.title, p.speaker.org, p.speaker.role].join('/') : '', p.mode ?? ''].join('|')),
    ),
  };
}

const inRepo = Object.keys(PINNED).filter((f) => !f.startsWith('../shared/'));
const shared = Object.keys(PINNED).filter((f) => f.startsWith('../shared/'));

describe('the layouts of the two former templates', () => {
  it('pins the seed, the eight MFA fixtures and the 116 real MFA transcripts', () => {
    expect(inRepo).toHaveLength(9);
    expect(shared).toHaveLength(116);
  });

  it('attributes every passage of the seed and the MFA fixtures as the templates did', () => {
    for (const f of inRepo) {
      const doc = parseTranscript(path.basename(f), readText(path.join(ROOT, f)));
      expect({ f, ...attributionsOf(doc) }).toEqual({ f, ...PINNED[f] });
    }
  });

  it.skipIf(!HAS_SHARED)('attributes every passage of the 116 real MFA transcripts as the templates did', () => {
    for (const f of shared) {
      const doc = parseTranscript(path.basename(f), readText(path.join(ROOT, f)));
      expect({ f, ...attributionsOf(doc) }).toEqual({ f, ...PINNED[f] });
    }
  });

  it('notices a changed attribution, so the comparison can fail', () => {
    const f = 'corpus/zhangye-2024-01-15.txt';
    const doc = parseTranscript('seed', readText(path.join(ROOT, f)));
    doc.passages[12]!.speaker = { ...doc.passages[12]!.speaker!, name: '梁顺海' };
    expect(attributionsOf(doc)).not.toEqual(PINNED[f]);
  });
});

if (!HAS_SHARED) console.warn(`twoTemplates: ${SHARED_SKIP_MESSAGE}`);
