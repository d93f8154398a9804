import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { readText, SEED } from '../helpers/corpora.js';

const text = readText(SEED);
const doc = parseTranscript('zhangye-2024-01-15', text);
const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);

// n, kind, speaker (null for none), mode — every passage of the seed, in order.
const GOLDEN: Array<[number, string, string | null, string | null]> = [
  [1, 'lead', '王志俭', 'direct'],
  ...[2, 3, 4, 5, 6, 7, 8].map((n): [number, string, string, string] => [n, 'statement', '刘力江', 'reported']),
  [9, 'heading', null, null],
  [10, 'note', null, null],
  [11, 'question', '张掖市融媒体中心记者', 'direct'],
  ...[12, 13, 14, 15, 16, 17, 18, 19, 20].map((n): [number, string, string, string] => [n, 'answer', '郝文年', 'direct']),
  [21, 'note', null, null],
  [22, 'question', '中国甘肃网记者', 'direct'],
  ...[23, 24, 25, 26, 27, 28].map((n): [number, string, string, string] => [n, 'answer', '梁顺海', 'direct']),
  [29, 'note', null, null],
  [30, 'question', '香港大公文汇传媒集团记者', 'direct'],
  ...[31, 32, 33, 34, 35].map((n): [number, string, string, string] => [n, 'answer', '张成琦', 'direct']),
];

describe('parseTranscript on the seed (city briefing format)', () => {
  it('recognises the news-report format', () => {
    expect(doc.format).toBe('city-briefing');
  });

  it('reads source, reporter and editor from the lead and the closing line', () => {
    expect(doc.source).toBe('大西北网');
    expect(doc.reporter).toBe('王志俭');
    expect(doc.editor).toBe('郑文');
  });

  it('takes the year from the text: a January briefing reviewing 2023 and planning 2024 is 2024-01-15', () => {
    expect(doc.date).toBe('2024-01-15');
  });

  it('names the event for citations, with the province the text is set in', () => {
    expect(doc.event).toBe('甘肃省政府新闻办新闻发布会张掖专场');
    expect(doc.title).toContain('主题系列新闻发布会第十五场——张掖专场');
  });

  it('splits the participants named in the lead into org, title and name', () => {
    expect(doc.participants).toEqual([
      { name: '刘力江', title: '常务副市长', org: '张掖市政府', designation: '张掖市委常委、市政府常务副市长' },
      { name: '张成琦', title: '主任', org: '张掖市发展和改革委员会', designation: '张掖市发展和改革委员会主任' },
      { name: '梁顺海', title: '局长', org: '张掖市商务局', designation: '张掖市商务局局长' },
      { name: '郝文年', title: '局长', org: '张掖市招商局', designation: '张掖市招商局局长' },
    ]);
  });

  it('gives every passage its kind, speaker and mode', () => {
    expect(doc.passages.map((p) => [p.n, p.kind, p.speaker?.name ?? null, p.mode])).toEqual(GOLDEN);
  });

  it("attributes the narrative after 刘力江介绍了 to him as reported speech, up to 记者问答", () => {
    const narrative = doc.passages.filter((p) => p.mode === 'reported');
    expect(narrative.map((p) => p.n)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(slice(doc.passages[8]!.span)).toBe('记者问答');
  });

  it('attributes a continuation paragraph to the previous answerer', () => {
    const p13 = doc.passages[12]!;
    expect(slice(p13.span).startsWith('在重大项目落地带动下')).toBe(true);
    expect(p13.speaker).toEqual({ name: '郝文年', title: '局长', org: '张掖市招商局', role: 'official' });
    expect(p13.bodyStart).toBe(p13.span.start);
  });

  it('gives a question the outlet named on the line before it', () => {
    const q = doc.passages[10]!;
    expect(q.speaker).toEqual({ name: '张掖市融媒体中心记者', title: '记者', org: '张掖市融媒体中心', role: 'reporter' });
    expect(text.slice(q.bodyStart, q.bodyStart + 5)).toBe('张掖市在实');
  });

  it('pairs the three questions with their answers and outlets', () => {
    expect(doc.exchanges).toEqual([
      { question: 11, answers: [12, 13, 14, 15, 16, 17, 18, 19, 20], answeredBy: '郝文年', addressee: null, outlet: '张掖市融媒体中心' },
      { question: 22, answers: [23, 24, 25, 26, 27, 28], answeredBy: '梁顺海', addressee: '梁顺海', outlet: '中国甘肃网' },
      { question: 30, answers: [31, 32, 33, 34, 35], answeredBy: '张成琦', addressee: null, outlet: '香港大公文汇传媒集团' },
    ]);
  });

  it('resolves 请问梁局长 to the participant 梁顺海', () => {
    expect(doc.exchanges[1]!.addressee).toBe('梁顺海');
  });

  it('records enumerated headings as the topics they open', () => {
    expect(doc.passages[2]!.heading).toBe('牵紧重大项目牛鼻子');
    expect(doc.passages[14]!.heading).toBe('领导带头招商');
    expect(doc.passages[12]!.heading).toBeNull();
  });

  it('keeps the editor line as metadata, not as a passage', () => {
    expect(doc.meta).toHaveLength(1);
    expect(slice(doc.meta[0]!)).toBe('(责任编辑:郑文)');
  });
});
