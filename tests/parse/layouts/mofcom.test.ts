// Golden tests: 商务部新闻发言人就…答记者问 (mofcom/001 … 005), read by hand.
// `问：` / `有记者问：` ask, `答：` answers; the answerer is named only by the title
// (商务部新闻发言人), and no byline names the askers' outlet (so org ''). 001 and
// 002 repeat the title as the first body line; 005 has a `来源：… 类型：…` header line.

import { describe, it } from 'vitest';
import {
  expectBody,
  expectEveryLineAccounted,
  expectExchanges,
  expectMeta,
  expectNoSpeaker,
  expectTurns,
  layoutCase,
  type Speaker,
} from './expect.js';

const ASKER: Speaker = { name: '记者', title: '记者', org: '', role: 'reporter' };
const SPOKESPERSON: Speaker = { name: '商务部新闻发言人', title: '新闻发言人', org: '商务部', role: 'official' };
const BY = '商务部新闻发言人';

const m1 = layoutCase('mofcom/001.txt');

describe.skipIf(m1.missing)('mofcom/001.txt — 碧根果反倾销调查初裁', () => {
  it('keeps the title line out of the passages (the date line is empty) and gives its repetition on line 4 no speaker', () => {
    expectMeta(m1.doc, m1.text, 1);
    expectNoSpeaker(m1.doc, m1.text, 4);
  });

  it('gives 问 to an anonymous reporter and 答 to the spokesperson the title names (商务部新闻发言人)', () => {
    expectTurns(m1.doc, m1.text, [
      ['问：我们注意到商务部网站发布了对原产于墨西哥', 'question', ASKER],
      ['答：2025年9月25日，商务部对原产于墨西哥', 'answer', SPOKESPERSON],
    ]);
  });

  it('continues the answer over 立案后，… and 中方一贯审慎…', () => {
    expectTurns(m1.doc, m1.text, [
      ['立案后，商务部本着公平', 'answer', SPOKESPERSON],
      ['中方一贯审慎、克制使用贸易救济措施', 'answer', SPOKESPERSON],
    ]);
  });

  it('makes one exchange of the question and its three answer paragraphs', () => {
    expectExchanges(m1.doc, m1.text, [{ q: '问：', a: ['答：', '立案后，', '中方一贯审慎'], answeredBy: BY }]);
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(m1.doc, m1.text);
  });
});

const m2 = layoutCase('mofcom/002.txt');

describe.skipIf(m2.missing)('mofcom/002.txt — 二氯二氢硅反倾销调查初裁', () => {
  it('keeps title and date out of the passages and gives the title repeated on line 4 no speaker', () => {
    expectMeta(m2.doc, m2.text, 1);
    expectMeta(m2.doc, m2.text, 2);
    expectNoSpeaker(m2.doc, m2.text, 4);
  });

  it('gives 问 to an anonymous reporter and 答 to the spokesperson the title names (商务部新闻发言人)', () => {
    expectTurns(m2.doc, m2.text, [
      ['问：我们注意到商务部网站发布了对原产于日本', 'question', ASKER],
      ['答：应国内产业申请', 'answer', SPOKESPERSON],
    ]);
  });

  it('continues the answer over 中方一贯审慎…', () => {
    expectTurns(m2.doc, m2.text, [['中方一贯审慎、克制使用贸易救济措施', 'answer', SPOKESPERSON]]);
  });

  it('makes one exchange of the question and its two answer paragraphs', () => {
    expectExchanges(m2.doc, m2.text, [{ q: '问：', a: ['答：', '中方一贯审慎'], answeredBy: BY }]);
  });

  it('starts the words after 问：/答：', () => {
    expectBody(m2.doc, m2.text, '问：', '我们注意到商务部网站');
    expectBody(m2.doc, m2.text, '答：', '应国内产业申请');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(m2.doc, m2.text);
  });
});

const m3 = layoutCase('mofcom/003.txt');

describe.skipIf(m3.missing)('mofcom/003.txt — 人工智能企业对美蒸馏活动', () => {
  it('keeps title and date out of the passages', () => {
    expectMeta(m3.doc, m3.text, 1);
    expectMeta(m3.doc, m3.text, 2);
  });

  it('gives 问 to an anonymous reporter and 答 to the spokesperson the title names (商务部新闻发言人)', () => {
    expectTurns(m3.doc, m3.text, [
      ['问：美东时间9月8日', 'question', ASKER],
      ['答：我们注意到有关情况。中方认为', 'answer', SPOKESPERSON],
    ]);
  });

  it('continues the answer over five unlabelled paragraphs (蒸馏是…, 美方做法是典型的… ×3, 当前，…)', () => {
    expectTurns(m3.doc, m3.text, [
      ['蒸馏是人工智能领域各个模型间', 'answer', SPOKESPERSON],
      ['美方做法是典型的双重标准', 'answer', SPOKESPERSON],
      ['美方做法是典型的以打击蒸馏为名', 'answer', SPOKESPERSON],
      ['美方做法是典型的动用国家力量', 'answer', SPOKESPERSON],
      ['当前，大模型产业', 'answer', SPOKESPERSON],
    ]);
  });

  it('makes one exchange of the question and all six answer paragraphs', () => {
    expectExchanges(m3.doc, m3.text, [
      {
        q: '问：',
        a: ['答：', '蒸馏是', '美方做法是典型的双重标准', '美方做法是典型的以打击', '美方做法是典型的动用', '当前，'],
        answeredBy: BY,
      },
    ]);
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(m3.doc, m3.text);
  });
});

const m4 = layoutCase('mofcom/004.txt');

describe.skipIf(m4.missing)('mofcom/004.txt — 美国中情局高官公开表示对中国开展间谍活动', () => {
  it('keeps title and date out of the passages', () => {
    expectMeta(m4.doc, m4.text, 1);
    expectMeta(m4.doc, m4.text, 2);
  });

  it('gives 问 to an anonymous reporter and 答 to the spokesperson the title names, not to 埃利斯 whom the question quotes', () => {
    expectTurns(m4.doc, m4.text, [
      ['问：美国中央情报局副局长埃利斯', 'question', ASKER],
      ['答：我们注意到有关情况。美方赤裸裸', 'answer', SPOKESPERSON],
    ]);
  });

  it('continues the answer over 美方行径… ×3 and 中方正告美方…', () => {
    expectTurns(m4.doc, m4.text, [
      ['美方行径肆意破坏公平竞争', 'answer', SPOKESPERSON],
      ['美方行径是典型的说一套做一套', 'answer', SPOKESPERSON],
      ['美方行径是对中国的打压抹黑', 'answer', SPOKESPERSON],
      ['中方正告美方', 'answer', SPOKESPERSON],
    ]);
  });

  it('makes one exchange of the question and all five answer paragraphs', () => {
    expectExchanges(m4.doc, m4.text, [
      { q: '问：', a: ['答：', '美方行径肆意', '美方行径是典型的', '美方行径是对中国', '中方正告美方'], answeredBy: BY },
    ]);
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(m4.doc, m4.text);
  });
});

const m5 = layoutCase('mofcom/005.txt');

describe.skipIf(m5.missing)('mofcom/005.txt — 中美经贸磋商有关问题', () => {
  it('keeps title, date and the 来源：… 类型：… 分类：… header line out of the passages', () => {
    expectMeta(m5.doc, m5.text, 1);
    expectMeta(m5.doc, m5.text, 2);
    expectMeta(m5.doc, m5.text, '来源：商务部新闻办公室');
  });

  it('gives 有记者问 to an anonymous reporter and 答 to 商务部新闻发言人, not to 何立峰 named in the answer', () => {
    expectTurns(m5.doc, m5.text, [
      ['有记者问：近期有消息称', 'question', ASKER],
      ['答：经中美双方商定', 'answer', SPOKESPERSON],
    ]);
  });

  it('makes one exchange of 有记者问 and its answer', () => {
    expectExchanges(m5.doc, m5.text, [{ q: '有记者问：', a: ['答：'], answeredBy: BY }]);
  });

  it('starts the words after 有记者问：/答：', () => {
    expectBody(m5.doc, m5.text, '有记者问：', '近期有消息称');
    expectBody(m5.doc, m5.text, '答：', '经中美双方商定');
  });

  it('accounts for every line as exactly one passage or metadata', () => {
    expectEveryLineAccounted(m5.doc, m5.text);
  });
});
