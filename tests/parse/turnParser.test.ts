// The turn parser on the class of layouts, beyond the sample files: each case
// is a small transcript in a layout the issue names (国新办 transcripts with
// header fields and labels alone on their line, bracketed labels, bilingual
// interviews, news reports in reported speech, a one-official 解读), built the
// way those sources write them.

import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import type { Passage, TranscriptDocument } from '../../src/parse/types.js';

const parse = (lines: string[]) => {
  const text = lines.join('\n');
  return { doc: parseTranscript('t', text), text };
};
const at = (doc: TranscriptDocument, text: string, prefix: string): Passage => {
  const p = doc.passages.find((x) => text.slice(x.span.start, x.span.end).startsWith(prefix));
  if (!p) throw new Error(`no passage starts with ${prefix}`);
  return p;
};
const who = (p: Passage) => [p.kind, p.speaker?.name ?? null, p.speaker?.role ?? null];

describe('a 国新办 transcript: header fields, labels alone on their line, a host', () => {
  const { doc, text } = parse([
    '国务院新闻办公室举行新闻发布会 介绍2024年国民经济运行情况',
    '2025-01-17',
    '',
    '时间：2025年1月17日10:00',
    '主持人：国务院新闻办新闻局局长 寿小丽',
    '出席：国家统计局局长 康义',
    '寿小丽：',
    '女士们、先生们，大家上午好！欢迎出席国务院新闻办新闻发布会。今天我们邀请到国家统计局局长康义先生。',
    '下面，先请康义先生作介绍。',
    '康义：',
    '各位媒体朋友，大家上午好！下面，我向大家通报2024年国民经济运行情况。',
    '初步核算，全年国内生产总值1349084亿元，比上年增长5.0%。',
    '寿小丽：',
    '谢谢康义局长的介绍。下面进入提问环节。',
    '中央广播电视总台央视记者：',
    '请问如何看待2024年经济增长的成绩？',
    '康义：',
    '谢谢你的提问。2024年，我国经济运行总体平稳。',
  ]);

  it('takes the host and the participant from the header fields, with title and organisation', () => {
    expect(doc.roster.find((e) => e.name === '寿小丽')).toMatchObject({ role: 'host', title: '局长', org: '国务院新闻办新闻局' });
    expect(doc.roster.find((e) => e.name === '康义')).toMatchObject({ role: 'official', title: '局长', org: '国家统计局' });
    expect(doc.roster.find((e) => e.name === '康义')!.found[0]!.in).toBe('header');
  });

  it('keeps the header fields and the labels alone on their line out of the passages', () => {
    expect(doc.passages.some((p) => /^(?:时间|主持人|出席)：/u.test(text.slice(p.span.start, p.span.end)))).toBe(false);
    expect(doc.meta.filter((m) => m.field === 'label')).toHaveLength(5);
  });

  it('gives the speech under a label alone on its line to that speaker, and continues it', () => {
    expect(who(at(doc, text, '女士们、先生们'))).toEqual(['statement', '寿小丽', 'host']);
    expect(who(at(doc, text, '下面，先请康义'))).toEqual(['statement', '寿小丽', 'host']);
    expect(who(at(doc, text, '各位媒体朋友'))).toEqual(['statement', '康义', 'official']);
    expect(at(doc, text, '初步核算').attribution).toBe('continuation');
  });

  it('pairs the reporter\'s question with the answer that follows', () => {
    const q = at(doc, text, '请问如何看待');
    expect(q.speaker).toEqual({ name: '中央广播电视总台央视记者', title: '记者', org: '中央广播电视总台央视', role: 'reporter' });
    expect(who(at(doc, text, '谢谢你的提问'))).toEqual(['answer', '康义', 'official']);
    expect(doc.exchanges).toEqual([expect.objectContaining({ question: q.n, answeredBy: '康义', outlet: '中央广播电视总台央视' })]);
  });
});

describe('labels in brackets and with title and name', () => {
  const { doc, text } = parse([
    '国家发展改革委新闻发布会文字实录',
    '2025-02-10',
    '',
    '[主持人] 各位记者朋友，上午好。',
    '【国家发展改革委副主任 赵辰昕】谢谢主持人。今年以来，我们着力扩大内需。',
    '国家发展改革委政策研究室主任金贤东：关于你提到的问题，我补充两点。',
    '主持人 李超：下面请记者提问。',
    '中央社 蘇思云：请问外资企业的情况如何？',
    '赵辰昕：外资企业总体保持稳定。',
    '中新社：还有一个问题，消费券会继续发吗？',
    '金贤东：我们会研究。',
  ]);

  it('reads 【designation name】 and designation+name labels into the roster', () => {
    expect(at(doc, text, '【国家发展改革委副主任').speaker).toEqual({ name: '赵辰昕', title: '副主任', org: '国家发展改革委', role: 'official' });
    expect(at(doc, text, '国家发展改革委政策研究室主任金贤东').speaker).toEqual({ name: '金贤东', title: '主任', org: '国家发展改革委政策研究室', role: 'official' });
  });

  it('resolves a later bare-name label to the title the first label gave', () => {
    expect(at(doc, text, '赵辰昕：').speaker).toEqual({ name: '赵辰昕', title: '副主任', org: '国家发展改革委', role: 'official' });
    expect(at(doc, text, '金贤东：').speaker?.title).toBe('主任');
  });

  it('reads [主持人] and 主持人 李超 as the host, and an outlet with a reporter\'s name', () => {
    expect(at(doc, text, '[主持人]').speaker).toEqual({ name: '主持人', title: '主持人', org: '', role: 'host' });
    expect(at(doc, text, '主持人 李超').speaker).toEqual({ name: '李超', title: '主持人', org: '', role: 'host' });
    expect(at(doc, text, '中央社 蘇思云').speaker).toEqual({ name: '蘇思云', title: '', org: '中央社', role: 'reporter' });
    expect(who(at(doc, text, '中新社：'))).toEqual(['question', '中新社', 'reporter']);
  });

  it('starts the words after the label, whatever its shape', () => {
    expect(text.slice(at(doc, text, '【国家').bodyStart).startsWith('谢谢主持人')).toBe(true);
    expect(text.slice(at(doc, text, '[主持人]').bodyStart).startsWith('各位记者朋友')).toBe(true);
  });
});

describe('labels with the designation or outlet in brackets, and a title alone', () => {
  const { doc, text } = parse([
    '外交部发言人毛宁答记者问',
    '2024-06-01',
    '',
    '记者（新华社）：请介绍访问的情况。',
    '发言人：这次访问取得了积极成果。',
    '赵辰昕（国家发展改革委副主任）：我补充一点。',
  ]);

  it('takes the outlet from brackets after 记者, and the designation from brackets after a name', () => {
    expect(at(doc, text, '记者（新华社）').speaker).toEqual({ name: '新华社记者', title: '记者', org: '新华社', role: 'reporter' });
    expect(at(doc, text, '赵辰昕（').speaker).toEqual({ name: '赵辰昕', title: '副主任', org: '国家发展改革委', role: 'official' });
  });

  it('resolves a label that is only a title (发言人：) to the one person the document gives that title', () => {
    expect(at(doc, text, '发言人：').speaker).toEqual({ name: '毛宁', title: '发言人', org: '外交部', role: 'official' });
    expect(doc.roster.find((e) => e.name === '毛宁')!.aliases).toEqual(['发言人']);
  });
});

describe('a newspaper interview whose lead names the one interviewed, with 问/答', () => {
  const { doc, text } = parse([
    '稳外贸 促消费',
    '2025-01-10',
    '',
    '日前，本报记者采访了商务部部长王文涛。',
    '问：今年外贸形势如何？',
    '答：外贸顶压前行，规模再创新高。',
    '注：数据来源于海关总署。',
    '注：以上为初步统计。',
  ]);

  it('gives 答 to the one the reporter interviewed, and 问 to no known outlet', () => {
    expect(at(doc, text, '答：').speaker).toEqual({ name: '王文涛', title: '部长', org: '商务部', role: 'official' });
    expect(at(doc, text, '问：').speaker).toEqual({ name: '记者', title: '记者', org: '', role: 'reporter' });
  });

  it('keeps an editor\'s 注： as a note: no speaker, not the answer\'s words', () => {
    expect(doc.roster.map((e) => e.name)).not.toContain('注');
    expect(who(at(doc, text, '注：数据来源'))).toEqual(['note', null, null]);
    expect(doc.exchanges[0]!.answers).toEqual([at(doc, text, '答：').n]);
  });
});

describe('a bilingual interview', () => {
  const { doc, text } = parse([
    '易纲行长接受采访',
    '2019-09-24',
    '',
    '记者：如何看待当前的货币政策？',
    'Reporter: How do you see the current monetary policy?',
    '易纲：我们将继续实施稳健的货币政策。',
    'Yi Gang: We will continue to implement a prudent monetary policy.',
  ]);

  it('takes an English label that spells a Chinese speaker\'s name for the same person', () => {
    expect(at(doc, text, 'Yi Gang').speaker?.name).toBe('易纲');
    expect(doc.roster.find((e) => e.name === '易纲')!.aliases).toEqual(['Yi Gang']);
  });

  it('reads Reporter: as the asker', () => {
    expect(at(doc, text, 'Reporter:')).toMatchObject({ kind: 'question', speaker: { name: 'Reporter', role: 'reporter', org: '' } });
    expect(at(doc, text, 'Yi Gang').kind).toBe('answer');
  });

  it('reads Q: and A: as question and answer, A being the interviewee of the title', () => {
    const qa = parse(['易纲行长就货币政策答记者问', '', 'Q: What is the policy stance?', 'A: Prudent and targeted.']);
    expect(who(at(qa.doc, qa.text, 'Q:'))).toEqual(['question', 'Q', 'reporter']);
    expect(at(qa.doc, qa.text, 'A:')).toMatchObject({ kind: 'answer', attribution: 'answer-marker', speaker: { name: '易纲', title: '行长' } });
  });
});

describe('a news report of a press conference, in reported speech', () => {
  const { doc, text } = parse([
    '财政部：今年将加大财政政策力度',
    '2025-03-06',
    '',
    '新华社北京3月6日电（记者 张三、李四）财政部副部长廖岷6日在国务院新闻办公室举行的新闻发布会上表示，今年财政政策将更加积极。',
    '廖岷说，赤字率拟按4%左右安排，比上年提高1个百分点。',
    '他还介绍了超长期特别国债的安排。',
    '“这是一个有力度的数字。”廖岷说。',
    '发布会上，国家发展改革委副主任赵辰昕介绍，今年将继续支持设备更新。',
    '赵辰昕表示，相关资金将在上半年下达。',
  ]);

  it('keeps the dateline paragraph as the lead, told by the reporters of the byline', () => {
    expect(at(doc, text, '新华社北京').kind).toBe('lead');
    expect(at(doc, text, '新华社北京').speaker).toEqual({ name: '张三、李四', title: '记者', org: '新华社', role: 'narrator' });
  });

  it('attributes 廖岷说 to the official the lead introduced, with his title', () => {
    const p = at(doc, text, '廖岷说');
    expect(p.speaker).toEqual({ name: '廖岷', title: '副部长', org: '财政部', role: 'official' });
    expect(p.mode).toBe('reported');
  });

  it('continues reported speech over a paragraph that names no one, and reads a quotation closed by its speaker', () => {
    expect(at(doc, text, '他还介绍了').speaker?.name).toBe('廖岷');
    expect(at(doc, text, '“这是一个有力度的数字').speaker?.name).toBe('廖岷');
  });

  it('switches to a second official introduced mid-report, and resolves his bare name later', () => {
    expect(at(doc, text, '发布会上，').speaker).toEqual({ name: '赵辰昕', title: '副主任', org: '国家发展改革委', role: 'official' });
    expect(at(doc, text, '赵辰昕表示').speaker?.title).toBe('副主任');
    expect(doc.format).toBe('news-report');
  });
});

describe('a Xinhua report of a 国新办 press conference', () => {
  const { doc, text } = parse([
    '国新办介绍前8个月国民经济运行情况',
    '2025-09-16',
    '',
    '新华社北京9月16日电（记者 王雨萧）国家统计局新闻发言人、国民经济综合统计司司长付凌晖16日在国新办新闻发布会上表示，前8个月国民经济运行总体平稳。',
    '付凌晖介绍，8月份规模以上工业增加值同比增长5.2%。',
    '他表示，下阶段要继续实施更加积极的宏观政策。',
    '国家发展改革委就业收入分配和消费司司长常铁威表示，将进一步扩大服务消费。',
  ]);

  it('takes the last post of a chained designation, and a date right after the name', () => {
    expect(doc.roster.find((e) => e.name === '付凌晖')).toMatchObject({ title: '司长', org: '国民经济综合统计司', role: 'official' });
    expect(at(doc, text, '付凌晖介绍').speaker).toEqual({ name: '付凌晖', title: '司长', org: '国民经济综合统计司', role: 'official' });
  });

  it('continues reported speech over 他表示, and switches to an official whose office holds 就 (就业…司)', () => {
    expect(at(doc, text, '他表示').speaker?.name).toBe('付凌晖');
    expect(at(doc, text, '国家发展改革委就业').speaker).toEqual({ name: '常铁威', title: '司长', org: '国家发展改革委就业收入分配和消费司', role: 'official' });
  });
});

describe('a 国台办 transcript: the host is the spokesperson who answers', () => {
  const { doc, text } = parse([
    '国务院台办新闻发布会实录',
    '2025-09-10',
    '',
    '主持人朱凤莲：各位记者朋友，大家上午好！',
    '问：请问对台湾地区领导人的言论有何评论？',
    '朱凤莲：我们注意到有关言论。',
    '问：还有一个问题。',
    '朱凤莲：我们的立场是一贯的。',
    '朱凤莲：今天的发布会到此结束。谢谢大家！',
  ]);

  it('reads 主持人朱凤莲 as the host, and her words right after a question as its answer', () => {
    expect(at(doc, text, '主持人朱凤莲').speaker).toEqual({ name: '朱凤莲', title: '主持人', org: '', role: 'host' });
    expect(who(at(doc, text, '朱凤莲：我们注意到'))).toEqual(['answer', '朱凤莲', 'host']);
    expect(doc.exchanges.map((e) => e.answeredBy)).toEqual(['朱凤莲', '朱凤莲']);
  });
});

describe("one official's statement, named only in the title", () => {
  const { doc, text } = parse([
    '商务部美大司负责人就美方对华加征关税进行解读',
    '2025-04-05',
    '',
    '一、关于美方做法',
    '美方此举严重违反世贸组织规则。',
    '二、中方立场',
    '中方坚决反对，将采取必要措施维护自身权益。',
  ]);

  it('gives the whole body to that official, headings excepted', () => {
    expect(who(at(doc, text, '美方此举'))).toEqual(['statement', '商务部美大司负责人', 'official']);
    expect(who(at(doc, text, '中方坚决反对'))).toEqual(['statement', '商务部美大司负责人', 'official']);
    expect(who(at(doc, text, '一、关于'))).toEqual(['heading', null, null]);
    expect(at(doc, text, '美方此举').attribution).toBe('single-speaker');
    expect(doc.format).toBe('statement');
  });
});

describe('what is not speech, and what the parser cannot know', () => {
  it('continues an answer across a photo caption and a heading inside it', () => {
    const { doc, text } = parse([
      '2025年1月国防部例行记者会文字实录',
      '2025-01-23',
      '',
      '发布人：国防部新闻发言人吴谦大校',
      '记者：请介绍有关情况。',
      '吴谦：关于第一个问题，我们已多次表明立场。',
      '1月23日下午，国防部举行例行记者会，国防部新闻发言人吴谦大校答记者问。李四 摄',
      '第二条消息',
      '关于第二个问题，中方的立场是一贯的。',
    ]);
    expect(who(at(doc, text, '1月23日下午'))).toEqual(['note', null, null]);
    expect(who(at(doc, text, '第二条消息'))).toEqual(['heading', null, null]);
    const cont = at(doc, text, '关于第二个问题');
    expect(who(cont)).toEqual(['answer', '吴谦', 'official']);
    expect(doc.exchanges[0]!.answers).toContain(cont.n);
    expect(cont.speaker).toEqual({ name: '吴谦', title: '新闻发言人', org: '国防部', role: 'official' });
  });

  it('keeps speaker null with a reason when 答 has no answerer named anywhere', () => {
    const { doc, text } = parse(['问：有何评论？', '答：我们注意到了有关报道。']);
    expect(at(doc, text, '答：')).toMatchObject({ kind: 'answer', speaker: null, attribution: 'unattributed' });
  });

  it('does not invent a speaker for a sentence that quotes someone with a colon', () => {
    const { doc, text } = parse(['王毅说：“中方愿同各方一道努力。”', '中国有句古话：己所不欲，勿施于人。']);
    for (const p of doc.passages) expect(p.speaker).toBeNull();
    expect(at(doc, text, '王毅说').bodyStart).toBe(at(doc, text, '王毅说').span.start);
  });

  it('gives a （笑） right under a label alone on its line to that speaker, and a > line to no one', () => {
    const { doc, text } = parse(['### 唐鳳：', '（笑）', '> （播放影片）', '### 唐鳳：', '謝謝大家。']);
    expect(who(at(doc, text, '（笑）'))).toEqual(['statement', '唐鳳', 'official']);
    expect(who(at(doc, text, '> （播放影片）'))).toEqual(['note', null, null]);
  });

  it('keeps a first line that reads as no title (no title words, no date line under it) as a passage', () => {
    const { doc } = parse(['<b>夜市</b>开到凌晨', '第二段：夜市摊位。']);
    expect(doc.meta).toEqual([]);
    expect(doc.passages).toHaveLength(2);
  });

  it('learns from the document itself that an unfamiliar label asks: its speaker is a reporter of no named outlet', () => {
    const { doc, text } = parse(['### 部長：', '歡迎大家。', '### 現場觀眾甲：', '請問補助何時發放？', '### 部長：', '下個月。', '### 現場觀眾甲：', '金額呢？', '### 部長：', '每人三千元。']);
    expect(at(doc, text, '請問補助')).toMatchObject({ kind: 'question', speaker: { name: '現場觀眾甲', title: '', org: '', role: 'reporter' } });
    expect(at(doc, text, '下個月')).toMatchObject({ kind: 'answer', speaker: { name: '部長', role: 'official' } });
  });

  it('reads 司儀 as the host in a Traditional transcript', () => {
    const { doc, text } = parse(['司儀：記者會現在開始。', '記者：請問部長？', '部長：謝謝。']);
    expect(at(doc, text, '司儀').speaker).toMatchObject({ name: '司儀', role: 'host' });
    expect(at(doc, text, '記者').speaker).toMatchObject({ name: '記者', role: 'reporter' });
  });
});

describe('pages as crawlers and news sites save them', () => {
  it('reads a Latin header block (TITLE:⏎…⏎PUBLISHED:⏎… ARTICLE TEXT:) as title, date and metadata', () => {
    const { doc, text } = parse([
      'TITLE:',
      '2026年10月上旬国防部例行新闻发布',
      '',
      'PUBLISHED:',
      '2026-10-10',
      '',
      'SOURCE:',
      '81 CN',
      '',
      'URL:',
      'http://www.81.cn/yw/1.html',
      '',
      'ARTICLE TEXT:',
      '10月10日下午，国防部新闻发言人陈曦大校就近期涉军问题发布消息。',
      '陈曦：首先，我发布一条消息。',
    ]);
    expect(doc).toMatchObject({ title: '2026年10月上旬国防部例行新闻发布', date: '2026-10-10', event: '国防部例行新闻发布' });
    expect(doc.passages.map(who)).toEqual([
      ['lead', null, null],
      ['statement', '陈曦', 'official'],
    ]);
    expect(doc.roster.map((e) => e.name)).toEqual(['陈曦']);
    expect(at(doc, text, '陈曦：').speaker).toMatchObject({ title: '新闻发言人', org: '国防部' });
  });

  it('takes 记者：方亚东、侯文坤 closing a report for its byline, and a line of bracketed page leftovers for a note with the editor', () => {
    const { doc, text } = parse([
      '国家统计局15日发布数据显示，8月份生产供给平稳增长。',
      '国家统计局新闻发言人、国民经济综合统计司司长付凌晖表示，经济运行总体平稳。',
      '记者：方亚东、侯文坤',
      '【纠错】   【责任编辑:王頔】',
    ]);
    expect(doc.reporter).toBe('方亚东、侯文坤');
    expect(doc.meta.map((m) => [m.field, text.slice(m.start, m.end)])).toContainEqual(['byline', '记者：方亚东、侯文坤']);
    expect(doc.editor).toBe('王頔');
    expect(at(doc, text, '国家统计局新闻发言人').speaker).toEqual({ name: '付凌晖', title: '司长', org: '国民经济综合统计司', role: 'official' });
    expect(doc.roster.map((e) => e.role)).not.toContain('reporter');
  });

  it('takes the outlet of a lead without the place and date after it (中国台湾网北京9月29日讯)', () => {
    const { doc } = parse(['中国台湾网北京9月29日讯（记者 陈佳慧）世界互联网大会国际组织29日在北京举行新闻发布会。']);
    expect(doc.passages[0]!.speaker).toEqual({ name: '陈佳慧', title: '记者', org: '中国台湾网', role: 'narrator' });
  });
});

describe('a 解读 whose first paragraph tells who reads the document', () => {
  const { doc, text } = parse([
    '商务部合作司负责人解读《汽车行业境外竞争行为与合规建设指引》',
    '2026-09-01',
    '',
    '近日，商务部等部门发布《汽车指引》。商务部对外投资和经济合作司负责人对《汽车指引》进行了解读。',
    '一、出台背景',
    '党中央、国务院高度重视汽车产业国际化发展。',
  ]);

  it('keeps that paragraph as the writer\'s lead, and gives the rest to the official of the title', () => {
    expect(who(at(doc, text, '近日，'))).toEqual(['lead', null, null]);
    expect(at(doc, text, '党中央')).toMatchObject({ kind: 'statement', attribution: 'single-speaker', speaker: { name: '商务部合作司负责人', title: '负责人', org: '商务部合作司' } });
  });
});

describe('a feature story with quotations', () => {
  const { doc, text } = parse([
    '“追星人”的征程——专访“中国天眼”总工程师姜鹏',
    '',
    '十年前的今天，一只“巨眼”落成。',
    '“天文学永远是自然科学的最前沿。”姜鹏说。',
    '这是非常难的技术挑战。',
    '当姜鹏从前辈手里接过接力棒时，他还很年轻。',
  ]);

  it('gives a quotation closed by 姜鹏说 to him, and hands the story back to the writer where it speaks of him by name', () => {
    expect(at(doc, text, '“天文学').speaker).toMatchObject({ name: '姜鹏', title: '总工程师' });
    expect(at(doc, text, '这是非常难').attribution).toBe('continuation');
    expect(at(doc, text, '当姜鹏')).toMatchObject({ speaker: null, attribution: 'narration' });
  });
});
