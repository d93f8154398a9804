// Golden tests: 国防部 例行记者会文字实录 (mod/001) and 例行新闻发布 (mod/002).
// Expected values were read from the files by hand (conventions: README, "Layouts understood"):
// bare-name labels (`张晓刚：`, `蒋斌：`) titled only by the header line `发布人：` or
// the dated lead, `记者：` with no outlet, photo captions `… 摄` between turns,
// and bare heading lines (`第一条消息`) inside the spokesperson's opening turn.

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

const REPORTER: Speaker = { name: '记者', title: '记者', org: '', role: 'reporter' };
// 发布人：国防部新闻发言人张晓刚大校 (line 7): the rank 大校 is not part of the title.
const ZHANG: Speaker = { name: '张晓刚', title: '新闻发言人', org: '国防部', role: 'official' };
// 9月4日下午，国防部新闻发言人蒋斌大校就近期涉军问题发布消息。 (lead, line 4)
const JIANG: Speaker = { name: '蒋斌', title: '新闻发言人', org: '国防部', role: 'official' };

const mod1 = layoutCase('mod/001.txt');

describe.skipIf(mod1.missing)('mod/001.txt — 2026年8月国防部例行记者会文字实录', () => {
  it('keeps title, date and the header fields 时间：/地点：/发布人： out of the passages', () => {
    const { doc, text } = mod1;
    expectMeta(doc, text, 1);
    expectMeta(doc, text, 2);
    expectMeta(doc, text, '时间：2026年8月27日15:00—16:10');
    expectMeta(doc, text, '地点：中央军委国际军事合作办公室');
    expectMeta(doc, text, '发布人：国防部新闻发言人张晓刚大校');
  });

  it('gives the title repeated as the first body line (line 4) no speaker', () => {
    expectNoSpeaker(mod1.doc, mod1.text, 4);
  });

  it('gives every photo caption kind note and no speaker, although they name 张晓刚 and 记者', () => {
    // Lines 8/35 and 19/44 are identical captions: addressed by line number.
    expectTurns(mod1.doc, mod1.text, [
      [8, 'note', null],
      [19, 'note', null],
      [27, 'note', null], // …国防部举行例行记者会，现场记者提问。孙智英 摄
      [35, 'note', null],
      [44, 'note', null],
    ]);
  });

  it('gives 张晓刚\'s opening remarks before the first question to the spokesperson of the 发布人 line, as statement', () => {
    expectTurns(mod1.doc, mod1.text, [
      ['张晓刚：大家下午好！欢迎参加国防部例行记者会。', 'statement', ZHANG],
      ['首先，我发布一条信息。', 'statement', ZHANG],
      ['9月15日至17日，第十三届北京香山论坛', 'statement', ZHANG],
      ['今年正值北京香山论坛创立20周年', 'statement', ZHANG],
    ]);
  });

  it('gives every 记者： turn to an anonymous reporter and every 张晓刚： turn after it to 国防部新闻发言人张晓刚 as answer', () => {
    expectTurns(mod1.doc, mod1.text, [
      ['记者：据报道，台湾地区行政机构于8月20日', 'question', REPORTER],
      ['张晓刚：要和平、要发展', 'answer', ZHANG],
      ['记者：尼泊尔与中国边境', 'question', REPORTER],
      ['张晓刚：我们向受灾群众表示诚挚慰问', 'answer', ZHANG],
      ['记者：有台媒称，近期中印尼', 'question', REPORTER],
      ['张晓刚：台湾是中国的一部分，中国在台湾岛以东', 'answer', ZHANG],
      ['记者：我有两个问题。第一个问题，据报道，近期国防部长董军', 'question', REPORTER],
      ['张晓刚：关于第一个问题，国防部长董军', 'answer', ZHANG],
      ['记者：据报道，近期中泰举行了', 'question', REPORTER],
      ['张晓刚：中泰“鹰击-2026”', 'answer', ZHANG],
      ['记者：据报道，多名日本政要', 'question', REPORTER],
      ['张晓刚：靖国神社是名副其实', 'answer', ZHANG],
      ['记者：据报道，近期中国和白俄罗斯', 'question', REPORTER],
      ['张晓刚：中白“神鹰-2026”', 'answer', ZHANG],
      ['记者：据台防务部门公布数据显示', 'question', REPORTER],
      ['张晓刚：祖国统一的历史大势不可阻挡', 'answer', ZHANG],
      ['记者：我有两个问题。第一个问题，近期，“阳光征兵', 'question', REPORTER],
      ['张晓刚：关于第一个问题，强国必须强军', 'answer', ZHANG],
      ['记者：台湾地区向美国采购的66架', 'question', REPORTER],
      ['张晓刚：中方坚决反对美对台售武', 'answer', ZHANG],
      ['记者：据报道，日本防卫省计划', 'question', REPORTER],
      ['张晓刚：众所周知，日本是二战战败国', 'answer', ZHANG],
      ['记者：据报道，美科技公司seasats', 'question', REPORTER],
      ['张晓刚：我可以告诉你的是', 'answer', ZHANG],
      ['记者：据报道，在经历近50天物资紧张之后', 'question', REPORTER],
      ['张晓刚：仁爱礁是中国南沙群岛的一部分', 'answer', ZHANG],
      ['记者：近期菲律宾接连在南海挑动事端', 'question', REPORTER],
      ['张晓刚：南部战区对此已作了回应', 'answer', ZHANG],
    ]);
  });

  it('continues 张晓刚\'s two-part answers over unlabelled paragraphs (关于第二个问题，… included)', () => {
    expectTurns(mod1.doc, mod1.text, [
      ['当前中东关系迈入历史最好时期', 'answer', ZHANG],
      ['近年来，中印尼防务合作提质增效', 'answer', ZHANG],
      ['关于第二个问题，世界上只有一个中国', 'answer', ZHANG],
      ['靖国神社不仅供奉着14名甲级战犯', 'answer', ZHANG],
      ['依法服兵役是每个适龄公民的光荣义务', 'answer', ZHANG],
      ['关于第二个问题，我关注到有人说', 'answer', ZHANG],
    ]);
  });

  it('pairs each of the 14 questions with its answer paragraphs, captions between exchanges left out', () => {
    const by = '张晓刚';
    expectExchanges(mod1.doc, mod1.text, [
      { q: '记者：据报道，台湾地区行政机构', a: ['张晓刚：要和平、要发展'], answeredBy: by },
      { q: '记者：尼泊尔与中国边境', a: ['张晓刚：我们向受灾群众'], answeredBy: by },
      { q: '记者：有台媒称', a: ['张晓刚：台湾是中国的一部分，中国在台湾岛以东'], answeredBy: by },
      {
        q: '记者：我有两个问题。第一个问题，据报道',
        a: ['张晓刚：关于第一个问题，国防部长董军', '当前中东关系', '近年来，中印尼防务合作', '关于第二个问题，世界上只有一个中国'],
        answeredBy: by,
      },
      { q: '记者：据报道，近期中泰', a: ['张晓刚：中泰'], answeredBy: by },
      { q: '记者：据报道，多名日本政要', a: ['张晓刚：靖国神社是名副其实', '靖国神社不仅供奉着'], answeredBy: by },
      { q: '记者：据报道，近期中国和白俄罗斯', a: ['张晓刚：中白'], answeredBy: by },
      { q: '记者：据台防务部门', a: ['张晓刚：祖国统一的历史大势'], answeredBy: by },
      {
        q: '记者：我有两个问题。第一个问题，近期',
        a: ['张晓刚：关于第一个问题，强国必须强军', '依法服兵役', '关于第二个问题，我关注到'],
        answeredBy: by,
      },
      { q: '记者：台湾地区向美国采购', a: ['张晓刚：中方坚决反对美对台售武'], answeredBy: by },
      { q: '记者：据报道，日本防卫省', a: ['张晓刚：众所周知'], answeredBy: by },
      { q: '记者：据报道，美科技公司', a: ['张晓刚：我可以告诉你的是'], answeredBy: by },
      { q: '记者：据报道，在经历近50天', a: ['张晓刚：仁爱礁是中国南沙群岛'], answeredBy: by },
      { q: '记者：近期菲律宾', a: ['张晓刚：南部战区'], answeredBy: by },
    ]);
  });

  it('leaves the opening statement in no exchange; the first question opens exchange 0', () => {
    expect(passageAt(mod1.doc, mod1.text, '张晓刚：大家下午好').exchange).toBeNull();
    expect(passageAt(mod1.doc, mod1.text, '今年正值北京香山论坛').exchange).toBeNull();
    expect(passageAt(mod1.doc, mod1.text, '记者：据报道，台湾地区行政机构').exchange).toBe(0);
  });

  it('starts the words after the label 张晓刚：/记者：, and at the line for continuations', () => {
    expectBody(mod1.doc, mod1.text, '张晓刚：大家下午好', '大家下午好！');
    expectBody(mod1.doc, mod1.text, '记者：尼泊尔与中国边境', '尼泊尔与中国边境');
    expectBody(mod1.doc, mod1.text, '首先，我发布一条信息。', '首先，我发布一条信息。');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(mod1.doc, mod1.text);
  });
});

const mod2 = layoutCase('mod/002.txt');

describe.skipIf(mod2.missing)('mod/002.txt — 2026年9月上旬国防部例行新闻发布', () => {
  it('keeps title and date out of the passages', () => {
    expectMeta(mod2.doc, mod2.text, 1);
    expectMeta(mod2.doc, mod2.text, 2);
  });

  it('makes the dated narrative opening (line 4) the lead, with no speaker (no byline)', () => {
    expectTurns(mod2.doc, mod2.text, [[4, 'lead', null]]);
  });

  it('gives 蒋斌\'s announcements before the first question to 国防部新闻发言人蒋斌 (from the lead) as statement', () => {
    expectTurns(mod2.doc, mod2.text, [['蒋斌：首先，我发布两条消息。', 'statement', JIANG]]);
  });

  it('makes 第一条消息/第二条消息 headings with no speaker', () => {
    expectTurns(mod2.doc, mod2.text, [
      ['第一条消息', 'heading', null],
      ['第二条消息', 'heading', null],
    ]);
  });

  it('continues 蒋斌\'s statement across the heading lines 第一条消息 and 第二条消息', () => {
    expectTurns(mod2.doc, mod2.text, [
      ['中老（挝）“和平列车－2026”', 'statement', JIANG],
      ['9月7日至12日，中国人民解放军陆军', 'statement', JIANG],
    ]);
  });

  it('gives the photo captions (which repeat the lead and add … 摄) kind note and no speaker', () => {
    expectTurns(mod2.doc, mod2.text, [
      [10, 'note', null], // …发布消息。李晓伟 摄
      [14, 'note', null], // …发布消息。朱家玉 摄
      [20, 'note', null], // …发布消息。武炎洲 摄
    ]);
  });

  it('gives every 记者： turn to an anonymous reporter and every 蒋斌： turn after it to 蒋斌 as answer', () => {
    expectTurns(mod2.doc, mod2.text, [
      ['记者：近日，国家主席习近平出席', 'question', REPORTER],
      ['蒋斌：习主席近日出席', 'answer', JIANG],
      ['记者：西藏日喀则市吉隆县', 'question', REPORTER],
      ['蒋斌：近日，西藏日喀则市吉隆县', 'answer', JIANG],
      ['记者：据报道，中国军队近日派员', 'question', REPORTER],
      ['蒋斌：近日，中国人民解放军东部战区', 'answer', JIANG],
      ['记者：日前，台防务部门', 'question', REPORTER],
      ['蒋斌：有关报告混淆是非', 'answer', JIANG],
    ]);
  });

  it('continues 蒋斌\'s answers over unlabelled paragraphs', () => {
    expectTurns(mod2.doc, mod2.text, [
      ['站在上合组织25周年新起点', 'answer', JIANG],
      ['人民至上、生命至上。', 'answer', JIANG],
      ['台湾是中国领土不可分割的一部分', 'answer', JIANG],
    ]);
  });

  it('pairs the four questions with their answers; the opening statement and captions are in none', () => {
    const by = '蒋斌';
    expectExchanges(mod2.doc, mod2.text, [
      { q: '记者：近日，国家主席习近平', a: ['蒋斌：习主席近日出席', '站在上合组织25周年'], answeredBy: by },
      { q: '记者：西藏日喀则市', a: ['蒋斌：近日，西藏日喀则市', '人民至上、生命至上'], answeredBy: by },
      { q: '记者：据报道，中国军队', a: ['蒋斌：近日，中国人民解放军'], answeredBy: by },
      { q: '记者：日前，台防务部门', a: ['蒋斌：有关报告混淆是非', '台湾是中国领土不可分割'], answeredBy: by },
    ]);
    expect(passageAt(mod2.doc, mod2.text, '蒋斌：首先').exchange).toBeNull();
    expect(passageAt(mod2.doc, mod2.text, '9月7日至12日').exchange).toBeNull();
  });

  it('starts the words after the label 蒋斌：, and at the line for a continuation', () => {
    expectBody(mod2.doc, mod2.text, '蒋斌：习主席近日出席', '习主席近日出席');
    expectBody(mod2.doc, mod2.text, '站在上合组织25周年新起点', '站在上合组织25周年新起点');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(mod2.doc, mod2.text);
  });
});
