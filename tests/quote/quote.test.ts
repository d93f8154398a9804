import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index/engine.js';
import { checkQuote, type QuoteMatch } from '../../src/quote/quote.js';
import { documentText, seedEngine } from '../helpers/corpora.js';

let seedText: string;

let engine: Engine;
beforeAll(async () => {
  engine = await seedEngine();
  seedText = await documentText(engine, 0);
});

const BASE = 'http://localhost:3000';
const check = (text: string) => checkQuote(engine, { text, baseUrl: BASE, accessed: '2026-11-25' });
const docText = () => [...seedText];
const sliced = (m: QuoteMatch) => docText().slice(m.start, m.end).join('');

const VERBATIM = '大力发展夜间经济,开设张掖老街等各类夜市摊位2000余个,经营面积超20万平方米';

describe('checkQuote', () => {
  it('finds a verbatim quote: exact, the right speaker, offsets that slice back to it', async () => {
    const res = await check(VERBATIM);
    expect(res).toMatchObject({ found: true, exact: true });
    const m = res.matches[0]!;
    expect(m.speaker).toEqual({ name: '梁顺海', title: '局长', org: '张掖市商务局', role: 'official' });
    expect(m).toMatchObject({ kind: 'answer', mode: 'direct', quote: VERBATIM, similarity: 1 });
    expect(sliced(m)).toBe(VERBATIM);
  });

  it('finds the quote with ，/,/、 swapped, not exact, and returns the verbatim source', async () => {
    const res = await check('大力发展夜间经济，开设张掖老街等各类夜市摊位2000余个、经营面积超20万平方米');
    expect(res).toMatchObject({ found: true, exact: false });
    expect(res.matches[0]!.quote).toBe(VERBATIM);
  });

  it('finds the quote in Traditional characters, not exact, and returns the Simplified source', async () => {
    const res = await check('大力發展夜間經濟,開設張掖老街等各類夜市攤位2000余個,經營面積超20萬平方米');
    expect(res).toMatchObject({ found: true, exact: false });
    expect(res.matches[0]!.quote).toBe(VERBATIM);
    expect(res.matches[0]!.diff).toEqual([{ op: 'equal', text: VERBATIM }]);
  });

  it('ignores quotation marks and spaces around the quote for exactness', async () => {
    expect(await check(` “${VERBATIM}” `)).toMatchObject({ found: true, exact: true });
  });

  it('does not find a quote with one figure changed, and shows the nearest source with the figure marked', async () => {
    const res = await check('开设张掖老街等各类夜市摊位3000余个');
    expect(res.found).toBe(false);
    const m = res.matches[0]!;
    expect(m.speaker?.name).toBe('梁顺海');
    expect(m.similarity).toBeLessThan(1);
    expect(m.similarity).toBeGreaterThanOrEqual(0.75);
    expect(m.quote).toBe('开设张掖老街等各类夜市摊位2000余个');
    expect(m.diff).toEqual([
      { op: 'equal', text: '开设张掖老街等各类夜市摊位' },
      { op: 'delete', text: '2' },
      { op: 'insert', text: '3' },
      { op: 'equal', text: '000余个' },
    ]);
  });

  it('keeps the source side of a diff equal to the verbatim source span', async () => {
    const m = (await check('全市引进产业链项目183项、同比增加106项，落实省外到位资金240.63万元')).matches[0]!;
    expect(m.diff.filter((r) => r.op !== 'insert').map((r) => r.text).join('')).toBe(m.quote);
    expect(m.diff.some((r) => r.op === 'insert' && r.text === '万')).toBe(true);
  });

  it('does not find a quote spliced from two places', async () => {
    const spliced = '大力发展夜间经济' + '累计协调解决问题2971项';
    const res = await check(spliced);
    expect(res.found).toBe(false);
    for (const m of res.matches) expect(m.similarity).toBeLessThan(1);
  });

  it('finds a quote running from one paragraph of an answer into the next', async () => {
    const res = await check('同比增加12项、增长60%。在重大项目落地带动下,招商引资实现量的大幅增长');
    expect(res.found).toBe(true);
    const m = res.matches[0]!;
    expect(m.passages).toEqual(['zhangye-2024-01-15:p12', 'zhangye-2024-01-15:p13']);
    expect(m.speaker?.name).toBe('郝文年');
    expect(m.quote).toBe('同比增加12项、增长60%。\n在重大项目落地带动下,招商引资实现量的大幅增长');
    expect(sliced(m)).toBe(m.quote);
  });

  it('tells reported speech from direct speech, and cites it as reported', async () => {
    const m = (await check('落实减税降费超10.2亿元')).matches[0]!;
    expect(m).toMatchObject({ mode: 'reported', speaker: { name: '刘力江' } });
    expect(m.citation.text.startsWith('据大西北网报道，刘力江')).toBe(true);
    expect(m.citation.text).toContain('介绍');
    expect(m.citation.text).not.toMatch(/说：“/u);
  });

  it('cites a direct answer with name, designation, date and event', async () => {
    const m = (await check('全生命周期服务方面,我们牢固树立')).matches[0]!;
    expect(m.citation.text).toBe('郝文年（张掖市招商局局长）在2024年1月15日甘肃省政府新闻办新闻发布会张掖专场上说：“全生命周期服务方面,我们牢固树立”');
  });

  it('cites a question as asked by the outlet', async () => {
    const m = (await check('张掖商务系统为优化营商环境、推动经济高质量发展采取了哪些措施')).matches[0]!;
    expect(m.kind).toBe('question');
    expect(m.citation.text.startsWith('中国甘肃网记者在2024年1月15日')).toBe(true);
    expect(m.citation.text).toContain('提问：“');
  });

  it('refuses text shorter than 2 or longer than 2000 characters with QUOTE_LENGTH', async () => {
    await expect(check('营')).rejects.toMatchObject({ code: 'QUOTE_LENGTH' });
    await expect(check('“。”')).rejects.toMatchObject({ code: 'QUOTE_LENGTH' });
    await expect(check('营'.repeat(2001))).rejects.toMatchObject({ code: 'QUOTE_LENGTH' });
  });
});

describe('citations', () => {
  const m = async () => (await check('统筹解决了张掖LNG储备中心二期等6个项目新增能耗难题')).matches[0]!;

  it('gives a TextQuoteSelector whose prefix+exact+suffix occurs exactly once in the document', async () => {
    const [sel] = (await m()).selectors;
    expect(sel.type).toBe('TextQuoteSelector');
    expect([...sel.prefix]).toHaveLength(32);
    expect([...sel.suffix]).toHaveLength(32);
    const text = seedText;
    const whole = sel.prefix + sel.exact + sel.suffix;
    expect(text.split(whole)).toHaveLength(2);
  });

  it('widens the selector context until it is unique', async () => {
    // 浙商最佳投资城市 occurs twice; with context each occurrence is singled out.
    for (const match of (await check('浙商最佳投资城市')).matches) {
      const [sel] = match.selectors;
      expect(seedText.split(sel.prefix + sel.exact + sel.suffix)).toHaveLength(2);
    }
  });

  it('gives a TextPositionSelector in code points', async () => {
    const match = await m();
    expect(match.selectors[1]).toEqual({ type: 'TextPositionSelector', start: match.start, end: match.end });
    expect(sliced(match)).toBe(match.selectors[0].exact);
  });

  it('gives a permalink whose text fragment decodes to the same words', async () => {
    const match = await m();
    expect(match.url.startsWith('/documents/zhangye-2024-01-15#p5:~:text=')).toBe(true);
    const directive = match.url.split(':~:text=')[1]!;
    const parts = directive.split(',').map(decodeURIComponent);
    const exact = parts.find((p) => !p.endsWith('-') && !p.startsWith('-'));
    expect(exact).toBe(match.quote);
    const prefix = parts.find((p) => p.endsWith('-'))!.slice(0, -1);
    const suffix = parts.find((p) => p.startsWith('-'))!.slice(1);
    expect(seedText).toContain(prefix + match.quote + suffix);
  });

  it('writes GB/T 7714-2015 as 责任者. 题名[EB/OL]. (发布日期)[引用日期]. URL.', async () => {
    expect((await m()).citation.gbt7714).toMatch(/^[^.]+\. .+\[EB\/OL\]\. \(\d{4}-\d{2}-\d{2}\)\[\d{4}-\d{2}-\d{2}\]\. https?:\/\/\S+\.$/u);
    expect((await m()).citation.gbt7714).toBe(
      `王志俭. ${engine.docs[0]!.title}[EB/OL]. (2024-01-15)[2026-11-25]. ${BASE}/documents/zhangye-2024-01-15#p5.`,
    );
  });

  it('writes APA with author, date, title and URL', async () => {
    expect((await m()).citation.apa).toBe(
      `王志俭. (2024, January 15). ${engine.docs[0]!.title} [Press conference transcript]. 大西北网. ${BASE}/documents/zhangye-2024-01-15#p5`,
    );
  });
});
