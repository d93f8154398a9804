import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import type { TranscriptDocument } from '../../src/parse/types.js';
import { FIXTURES, readText } from '../helpers/corpora.js';

const fixture = (name: string): [TranscriptDocument, string] => {
  const text = readText(path.join(FIXTURES, 'mfa', name));
  return [parseTranscript(name, text), text];
};
const starting = (doc: TranscriptDocument, text: string, prefix: string) => {
  const p = doc.passages.find((x) => text.slice(x.span.start, x.span.end).startsWith(prefix));
  if (!p) throw new Error(`no passage starts with ${prefix}`);
  return p;
};

describe('parseTranscript on Foreign Ministry transcripts', () => {
  it('reads date and spokesperson from the title and keeps title and timestamp as metadata', () => {
    const [doc, text] = fixture('fyrbt-004.txt');
    expect(doc.format).toBe('mfa-briefing');
    expect(doc.date).toBe('2020-10-09');
    expect(doc.participants[0]).toMatchObject({ name: '华春莹', title: '发言人', org: '外交部' });
    expect(doc.meta.map((m) => [m.field, text.slice(m.start, m.end)])).toEqual([
      ['title', '2020年10月9日外交部发言人华春莹主持例行记者会'],
      ['timestamp', '2020-10-09 17:26'],
    ]);
  });

  it('attributes opening announcements before the first question to the spokesperson', () => {
    const text = '2021年11月1日外交部发言人汪文斌主持例行记者会\n2021-11-01 19:57\n\n应某国邀请，某某将于11月2日访华。\n法新社记者：你对此有何评论？\n汪文斌：我们欢迎。\n';
    const doc = parseTranscript('t', text);
    expect(doc.passages.map((p) => [p.kind, p.speaker?.name])).toEqual([
      ['statement', '汪文斌'],
      ['question', '法新社记者'],
      ['answer', '汪文斌'],
    ]);
  });

  it('names the outlet of a question and keeps the label as written', () => {
    const [doc, text] = fixture('fyrbt-004.txt');
    const q = starting(doc, text, '总台央视记者：');
    expect(q.kind).toBe('question');
    expect(q.speaker).toEqual({ name: '总台央视记者', title: '记者', org: '总台央视', role: 'reporter' });
  });

  it('strips title marks from an outlet: 《环球时报》记者 asks for 环球时报', () => {
    const doc = parseTranscript('t', '2021年1月1日外交部发言人华春莹主持例行记者会\n《环球时报》记者：有何评论？\n华春莹：没有。');
    expect(doc.passages[0]!.speaker).toEqual({ name: '《环球时报》记者', title: '记者', org: '环球时报', role: 'reporter' });
  });

  it('takes an outlet written without 记者 (中新社：) for a questioner', () => {
    const [doc, text] = fixture('fyrbt-004.txt');
    const q = starting(doc, text, '中新社：');
    expect(q.kind).toBe('question');
    expect(q.speaker?.org).toBe('中新社');
  });

  it('continues an answer over unlabelled paragraphs, through U+3000 indentation', () => {
    const [doc, text] = fixture('fyrbt-004.txt');
    expect(text).toContain('\u3000\u3000');
    const answers = doc.passages.filter((p) => p.kind === 'answer');
    const unlabelled = answers.filter((p) => p.bodyStart === p.span.start);
    expect(unlabelled.length).toBeGreaterThan(3);
    for (const p of unlabelled) expect(p.speaker?.name).toBe('华春莹');
    for (const p of doc.passages) expect(text[p.span.start]).not.toBe('\u3000');
  });

  it('reads 问：/答： pages, 答 being the spokesperson of the title', () => {
    const [doc] = fixture('fyrbt-003.txt');
    expect(doc.passages.map((p) => [p.kind, p.speaker?.name, p.speaker?.role])).toEqual([
      ['question', '记者', 'reporter'],
      ['answer', '汪文斌', 'official'],
    ]);
    expect(doc.exchanges).toEqual([{ question: 1, answers: [2], answeredBy: '汪文斌', addressee: null, outlet: '' }]);
  });

  it('reads a half-width colon with a space after it (答: …)', () => {
    const [doc, text] = fixture('fyrbt-020.txt');
    const a = starting(doc, text, '答: ');
    expect(a.kind).toBe('answer');
    expect(text[a.bodyStart]).not.toBe(' ');
  });

  it('reads half-width colons in outlet labels (彭博社记者:)', () => {
    const [doc, text] = fixture('fyrbt-015.txt');
    expect(starting(doc, text, '彭博社记者:').speaker?.org).toBe('彭博社');
  });

  it('gives a 追问 follow-up to the reporter who asked before, as a new exchange', () => {
    const [doc, text] = fixture('fyrbt-014.txt');
    const f = starting(doc, text, '追问：');
    const prev = doc.exchanges[f.exchange! - 1]!;
    expect(f.kind).toBe('question');
    expect(f.speaker).toEqual(doc.passages[prev.question - 1]!.speaker);
    expect(doc.exchanges[f.exchange!]!.question).toBe(f.n);
  });

  it('keeps a stage note such as （现场播放视频） apart, without breaking the answer around it', () => {
    const [doc, text] = fixture('fyrbt-071.txt');
    const note = starting(doc, text, '（现场播放视频）');
    expect(note.kind).toBe('note');
    expect(note.speaker).toBeNull();
    const next = doc.passages[note.n]!;
    expect(next.speaker?.name).toBe(doc.passages[note.n - 2]!.speaker?.name);
  });

  it('recognises a second official by a name-shaped label (毛宁 introducing 林剑)', () => {
    const [doc] = fixture('fyrbt-100.txt');
    expect(doc.passages[0]).toMatchObject({ kind: 'statement', speaker: { name: '毛宁', role: 'official' } });
    expect(doc.passages[1]).toMatchObject({ kind: 'statement', speaker: { name: '林剑', title: '发言人', org: '外交部' } });
  });

  it('does not take a sentence ending in a colon for a speaker (中国有句古话：)', () => {
    const text = '2021年1月1日外交部发言人华春莹主持例行记者会\n路透社记者：有何评论？\n华春莹：我想说两点。\n中国有句古话：“己所不欲，勿施于人。”\n';
    const doc = parseTranscript('t', text);
    expect(doc.passages[2]).toMatchObject({ kind: 'answer', speaker: { name: '华春莹' } });
    expect(doc.passages[2]!.bodyStart).toBe(doc.passages[2]!.span.start);
  });

  it('reads a 2026 page without a timestamp line, and 会后有记者问及 as a question', () => {
    const [doc, text] = fixture('rssmaker-008.txt');
    expect(doc.date).toBe('2026-08-17');
    expect(doc.meta.map((m) => m.field)).toEqual(['title']);
    expect(starting(doc, text, '会后有记者问及').kind).toBe('question');
  });

  it('falls back to narration with a warning when no format is recognised', () => {
    const doc = parseTranscript('t', '第一段文字。\n第二段文字。');
    expect(doc.format).toBe('plain');
    expect(doc.passages.map((p) => p.kind)).toEqual(['statement', 'statement']);
    expect(doc.warnings).toHaveLength(1);
  });
});
