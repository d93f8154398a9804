// Golden tests: "X负责人就…答记者问" articles, read by hand.
// qa-wenda/001 (人民日报): subtitle `——国家发展改革委、商务部有关负责人就…答记者问`, two bodies
//   answering as one; no byline, so the askers' outlet is '' (the imprint only counts for
//   a `——访…` interview); `版式设计：` and the imprint are metadata.
// qa-wenda/002 (新华社): news lead `新华社北京8月20日电`, byline `新华社记者` alone on its line,
//   answerer `全总负责人` named in the lead paragraph.

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

const q1 = layoutCase('qa-wenda/001.txt');

const ANON: Speaker = { name: '记者', title: '记者', org: '', role: 'reporter' };
const NDRC_MOFCOM: Speaker = {
  name: '国家发展改革委、商务部有关负责人',
  title: '负责人',
  org: '国家发展改革委、商务部',
  role: 'official',
};

describe.skipIf(q1.missing)('qa-wenda/001.txt — 人民日报：国家发展改革委、商务部有关负责人就《扩大消费“十五五”规划》答记者问', () => {
  it('keeps title, date, 版式设计： and the 人民日报 imprint out of the passages', () => {
    expectMeta(q1.doc, q1.text, 1);
    expectMeta(q1.doc, q1.text, 2);
    expectMeta(q1.doc, q1.text, '版式设计：张芳曼');
    expectMeta(q1.doc, q1.text, '《 人民日报 》（ 2026年07月14日 02 版）');
  });

  it('gives the repeated title （政策解读） and the ——…答记者问 subtitle no speaker', () => {
    expectNoSpeaker(q1.doc, q1.text, '持续扩大内需 大力提振消费（政策解读）');
    expectNoSpeaker(q1.doc, q1.text, '——国家发展改革委、商务部有关负责人就');
  });

  it('makes the narrative opening 近日，… the lead with no speaker (no byline names a writer)', () => {
    expectTurns(q1.doc, q1.text, [['近日，《扩大消费“十五五”规划》', 'lead', null]]);
  });

  it('gives 问 to a reporter of no known outlet and 答 to the two bodies answering as one', () => {
    expectTurns(q1.doc, q1.text, [
      ['问：《规划》出台的背景是什么？', 'question', ANON],
      ['答：“十四五”时期', 'answer', NDRC_MOFCOM],
      ['问：《规划》有什么特点？', 'question', ANON],
      ['答：一是突出为民惠民', 'answer', NDRC_MOFCOM],
      ['问：《规划》在目标设定上有哪些考虑？', 'question', ANON],
      ['答：《规划》充分衔接', 'answer', NDRC_MOFCOM],
      ['问：《规划》部署了哪些重点任务？', 'question', ANON],
      ['答：《规划》包括3部分', 'answer', NDRC_MOFCOM],
    ]);
  });

  it('continues the answers over 为贯彻落实…, 二是…/三是…, and the six short target paragraphs after …的目标：', () => {
    expectTurns(q1.doc, q1.text, [
      ['为贯彻落实党中央、国务院决策部署', 'answer', NDRC_MOFCOM],
      ['二是突出统筹推进', 'answer', NDRC_MOFCOM],
      ['三是突出创新引领', 'answer', NDRC_MOFCOM],
      // Each opens with a short clause (消费结构更加优化。…) that is not a heading.
      ['消费市场总体规模持续扩大。', 'answer', NDRC_MOFCOM],
      ['消费结构更加优化。', 'answer', NDRC_MOFCOM],
      ['消费能力不断提高。', 'answer', NDRC_MOFCOM],
      ['消费供给更加优化。', 'answer', NDRC_MOFCOM],
      ['消费环境明显改善。', 'answer', NDRC_MOFCOM],
      ['促进消费制度机制进一步完善。', 'answer', NDRC_MOFCOM],
    ]);
  });

  it('pairs the four questions with their answer paragraphs', () => {
    const by = '国家发展改革委、商务部有关负责人';
    expectExchanges(q1.doc, q1.text, [
      { q: '问：《规划》出台的背景', a: ['答：“十四五”时期', '为贯彻落实党中央'], answeredBy: by },
      { q: '问：《规划》有什么特点', a: ['答：一是突出为民惠民', '二是突出统筹推进', '三是突出创新引领'], answeredBy: by },
      {
        q: '问：《规划》在目标设定上',
        a: ['答：《规划》充分衔接', '消费市场总体规模', '消费结构更加优化', '消费能力不断提高', '消费供给更加优化', '消费环境明显改善', '促进消费制度机制'],
        answeredBy: by,
      },
      { q: '问：《规划》部署了哪些', a: ['答：《规划》包括3部分'], answeredBy: by },
    ]);
  });

  it('starts the words after 问：/答：', () => {
    expectBody(q1.doc, q1.text, '问：《规划》有什么特点', '《规划》有什么特点？');
    expectBody(q1.doc, q1.text, '答：一是突出为民惠民', '一是突出为民惠民');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(q1.doc, q1.text);
  });
});

const q2 = layoutCase('qa-wenda/002.txt');

// The byline 新华社记者 (line 5) names the outlet only: narrator and askers are `${outlet}记者`.
const XINHUA_ASKER: Speaker = { name: '新华社记者', title: '记者', org: '新华社', role: 'reporter' };
const XINHUA_NARRATOR: Speaker = { name: '新华社记者', title: '记者', org: '新华社', role: 'narrator' };
// 全总负责人就规划制定实施等问题，回答了记者提问。 (line 6)
const ACFTU: Speaker = { name: '全总负责人', title: '负责人', org: '全总', role: 'official' };

describe.skipIf(q2.missing)('qa-wenda/002.txt — 新华社：全总就《中国工运事业和工会工作“十五五”规划》答问', () => {
  it('keeps title, date and the byline 新华社记者 (alone on its line) out of the passages', () => {
    expectMeta(q2.doc, q2.text, 1);
    expectMeta(q2.doc, q2.text, 2);
    expectMeta(q2.doc, q2.text, '新华社记者');
  });

  it('does not take the dateline 新华社北京8月20日电 题：… for a speaker turn', () => {
    // Conventions leave open whether the dateline-and-题 line is meta or a lead passage;
    // certain only: it is no question/answer/statement, and nobody but the narrator speaks it.
    const line = '新华社北京8月20日电 题：';
    const p = q2.doc.passages.find((x) => q2.text.slice(x.span.start, x.span.end).startsWith(line));
    if (p) {
      expect(['question', 'answer', 'statement']).not.toContain(p.kind);
      expect([null, XINHUA_NARRATOR]).toContainEqual(p.speaker);
    } else {
      const start = q2.text.indexOf(line);
      expect(q2.doc.meta.some((m) => m.start <= start && start < m.end), 'a dateline that is no passage is metadata').toBe(true);
    }
  });

  it('makes the first narrative paragraph 记者20日从全国总工会了解到… the lead, told by the 新华社 narrator', () => {
    expectTurns(q2.doc, q2.text, [['记者20日从全国总工会了解到', 'lead', XINHUA_NARRATOR]]);
  });

  it('gives 问 to the 新华社 reporter of the byline and 答 to 全总负责人 named in the lead', () => {
    expectTurns(q2.doc, q2.text, [
      ['问：请介绍一下规划的主要内容。', 'question', XINHUA_ASKER],
      ['答：规划分三大板块', 'answer', ACFTU],
      ['问：请介绍一下“十五五”时期工会工作的总体要求。', 'question', XINHUA_ASKER],
      ['答：在指导思想方面', 'answer', ACFTU],
      ['问：请简要介绍', 'question', XINHUA_ASKER],
      ['答：规划提出了今后5年', 'answer', ACFTU],
    ]);
  });

  it('continues 全总负责人\'s answers over 在主要目标方面，… and 一是… to 七是… after …亮点：', () => {
    expectTurns(q2.doc, q2.text, [
      ['在主要目标方面', 'answer', ACFTU],
      ['一是突出工会政治属性', 'answer', ACFTU],
      ['二是突出我国工运时代主题', 'answer', ACFTU],
      ['三是突出履行维权服务基本职责', 'answer', ACFTU],
      ['四是突出工会工作法治化建设', 'answer', ACFTU],
      ['五是突出维护劳动领域政治安全', 'answer', ACFTU],
      ['六是突出夯实工会基层基础', 'answer', ACFTU],
      ['七是突出深化工会改革和建设', 'answer', ACFTU],
    ]);
  });

  it('pairs the three questions with their answer paragraphs', () => {
    const by = '全总负责人';
    expectExchanges(q2.doc, q2.text, [
      { q: '问：请介绍一下规划', a: ['答：规划分三大板块'], answeredBy: by },
      { q: '问：请介绍一下“十五五”', a: ['答：在指导思想方面', '在主要目标方面'], answeredBy: by },
      {
        q: '问：请简要介绍',
        a: ['答：规划提出了', '一是突出', '二是突出', '三是突出', '四是突出', '五是突出', '六是突出', '七是突出'],
        answeredBy: by,
      },
    ]);
    expect(passageAt(q2.doc, q2.text, '记者20日').exchange).toBeNull();
  });

  it('starts the words after 问：/答：, and at the line for the lead', () => {
    expectBody(q2.doc, q2.text, '问：请简要介绍', '请简要介绍');
    expectBody(q2.doc, q2.text, '答：规划分三大板块', '规划分三大板块');
    expectBody(q2.doc, q2.text, '记者20日', '记者20日从全国总工会了解到');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(q2.doc, q2.text);
  });
});
