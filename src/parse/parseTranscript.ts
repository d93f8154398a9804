import { looksLikeCityBriefing, parseCityBriefing } from './cityBriefing.js';
import { splitLines } from './lines.js';
import { looksLikeMfaBriefing, parseMfaBriefing } from './mfaBriefing.js';
import { PassageAssembler } from './assemble.js';
import type { TranscriptDocument } from './types.js';

/**
 * Text → document + passages. The format is recognised by its patterns (an
 * MFA title line, a news lead with 记者现场提问), never by line numbers; text
 * that matches neither is kept whole as narration with a warning.
 */
export function parseTranscript(id: string, text: string): TranscriptDocument {
  const lines = splitLines(text);
  if (looksLikeMfaBriefing(lines)) return parseMfaBriefing(id, text, lines);
  if (looksLikeCityBriefing(lines)) return parseCityBriefing(id, text, lines);
  return parsePlain(id, text);
}

function parsePlain(id: string, text: string): TranscriptDocument {
  const lines = splitLines(text);
  const out = new PassageAssembler();
  for (const line of lines) out.add(line, { kind: 'statement', speaker: null, mode: null }, 0, true);
  return {
    id,
    format: 'plain',
    title: lines[0]?.text.slice(0, 60) ?? id,
    event: lines[0]?.text.slice(0, 60) ?? id,
    date: null,
    source: '',
    reporter: null,
    editor: null,
    participants: [],
    text,
    passages: out.passages,
    exchanges: [],
    meta: [],
    warnings: ['no speaker labels recognised; indexed as narration'],
  };
}
