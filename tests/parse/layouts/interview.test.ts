// Golden test: 人民日报 权威访谈 with 商务部部长王文涛 (interview/001), read by hand.
// Subtitle `——访商务部党组书记、部长王文涛` names the interviewee; `记者：` has no outlet in
// its label, and this is a newspaper interview (`——访…`), so the asker's outlet comes from
// the imprint `《 人民日报 》（…）` (and `本报记者` in line 7). The opening paragraphs quote
// others with a colon (`习近平总书记指出：`, `中央经济工作会议提出：`) — not speaker labels.
// Section headings stand between the exchanges.

import { describe, expect, it } from 'vitest';
import {
  expectBody,
  expectEveryLineAccounted,
  expectExchanges,
  expectMeta,
  expectNoSpeaker,
  expectTurns,
  layoutCase,
  passageAt,
  type Speaker,
} from './expect.js';

const iv = layoutCase('interview/001.txt');

const ASKER: Speaker = { name: '人民日报记者', title: '记者', org: '人民日报', role: 'reporter' };
// The document calls him 商务部党组书记、部长王文涛 (lines 5 and 7). Conventions do not say
// whether a chained designation keeps both posts in `title`; the project's own precedent
// (张掖市委常委、市政府常务副市长 → 常务副市长, tests/parse/cityBriefing.test.ts) keeps the last.
// Certain: name, org and role; title is 部长 or 党组书记、部长.
const WANG: Speaker = {
  name: '王文涛',
  title: expect.stringMatching(/^(?:党组书记、)?部长$/u),
  org: '商务部',
  role: 'official',
};

describe.skipIf(iv.missing)('interview/001.txt — 实施扩大内需战略 坚持扩大对外开放（访商务部部长王文涛）', () => {
  it('keeps title, date and the 人民日报 imprint out of the passages', () => {
    expectMeta(iv.doc, iv.text, 1);
    expectMeta(iv.doc, iv.text, 2);
    expectMeta(iv.doc, iv.text, '《 人民日报 》（ 2026年01月16日 02 版）');
  });

  it('gives the repeated title （权威访谈·开局“十五五”） and the subtitle ——访…王文涛 no speaker', () => {
    expectNoSpeaker(iv.doc, iv.text, '实施扩大内需战略 坚持扩大对外开放（权威访谈');
    expectNoSpeaker(iv.doc, iv.text, '——访商务部党组书记、部长王文涛');
  });

  it('does not take 习近平总书记指出： for a speaker label: the opening is the lead, told by nobody or the narrator', () => {
    const p = passageAt(iv.doc, iv.text, '习近平总书记指出：');
    expect(p.kind).toBe('lead');
    // Whether 本报记者 + imprint make a narrator here is not settled by the conventions: accept
    // null or a 人民日报 narrator, never 习近平总书记.
    if (p.speaker !== null) expect(p.speaker).toMatchObject({ role: 'narrator', org: '人民日报' });
    expect(p.bodyStart).toBe(p.span.start);
  });

  it('does not take 中央经济工作会议提出： for a label: it continues the lead paragraph before it', () => {
    const lead = passageAt(iv.doc, iv.text, '习近平总书记指出：');
    const p = passageAt(iv.doc, iv.text, '中央经济工作会议提出：');
    expect({ kind: p.kind, speaker: p.speaker }).toEqual({ kind: lead.kind, speaker: lead.speaker });
    expect(p.kind).toBe('lead');
    expect(p.speaker?.name).not.toBe('中央经济工作会议');
    expect(p.bodyStart).toBe(p.span.start);
  });

  it('makes the three section titles headings with no speaker', () => {
    expectTurns(iv.doc, iv.text, [
      ['坚持惠民生和促消费紧密结合', 'heading', null],
      ['统筹推进贸易强国建设的“三大支柱”', 'heading', null],
      ['稳步推进制度型开放', 'heading', null],
    ]);
  });

  it('gives 记者 to the 人民日报 reporter (from the imprint of a ——访 interview) and 王文涛 to the minister of the subtitle', () => {
    expectTurns(iv.doc, iv.text, [
      ['记者：中央经济工作会议将', 'question', ASKER],
      ['王文涛：2025年，我国消费市场', 'answer', WANG],
      ['记者：中央经济工作会议提出，鼓励支持服务出口', 'question', ASKER],
      ['王文涛：2025年我国外贸顶压前行', 'answer', WANG],
      ['记者：中央经济工作会议提出，“坚持对外开放”', 'question', ASKER],
      ['王文涛：坚持开放合作', 'answer', WANG],
    ]);
  });

  it('continues 王文涛\'s answers over 一是…/二是…/三是… and 我们还将…', () => {
    expectTurns(iv.doc, iv.text, [
      ['一是聚焦重点和潜力领域', 'answer', WANG],
      ['二是聚焦新赛道和线下实体', 'answer', WANG],
      ['三是聚焦“三个区域”', 'answer', WANG],
      ['我们还将继续办好“购在中国”系列活动', 'answer', WANG],
      ['一是“多元化”', 'answer', WANG],
      ['二是“平衡”', 'answer', WANG],
      ['三是“服贸”', 'answer', WANG],
      ['一是积极扩大自主开放', 'answer', WANG],
      ['二是推动产业链供应链', 'answer', WANG],
      ['三是建设性参与全球经济治理', 'answer', WANG],
    ]);
  });

  it('pairs the three questions with 王文涛\'s answer paragraphs; section headings are in no answer', () => {
    const by = '王文涛';
    expectExchanges(iv.doc, iv.text, [
      {
        q: '记者：中央经济工作会议将',
        a: ['王文涛：2025年，', '一是聚焦重点', '二是聚焦新赛道', '三是聚焦“三个区域”', '我们还将继续办好'],
        answeredBy: by,
      },
      { q: '记者：中央经济工作会议提出，鼓励', a: ['王文涛：2025年我国外贸', '一是“多元化”', '二是“平衡”', '三是“服贸”'], answeredBy: by },
      {
        q: '记者：中央经济工作会议提出，“坚持',
        a: ['王文涛：坚持开放合作', '一是积极扩大', '二是推动产业链', '三是建设性参与'],
        answeredBy: by,
      },
    ]);
  });

  it('starts the words after the labels 记者：/王文涛：', () => {
    expectBody(iv.doc, iv.text, '记者：中央经济工作会议将', '中央经济工作会议将');
    expectBody(iv.doc, iv.text, '王文涛：坚持开放合作', '坚持开放合作');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(iv.doc, iv.text);
  });
});
