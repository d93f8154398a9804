// Golden tests: who speaks in real Taiwan press conferences (tw-moda, audreyt/transcript, CC0).
// Traditional script; a markdown label `### 名字：` alone on its line, the speech on the lines after.
// Every expected value below was read from the files (line numbers are the files' own, 1-based),
// following the conventions in the README ("Layouts understood"). Only 005 is copied into tests/fixtures/layouts; 001, 002
// and 006 are read from ../shared/corpus-layouts and skipped where that folder is absent.

import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../src/parse/parseTranscript.js';
import { LAYOUTS_SKIP_MESSAGE, layoutText } from '../../helpers/layouts.js';
import {
  expectLabelLinesAreMeta,
  expectTurn,
  host,
  labelLineSpans,
  lineOf,
  named,
  official,
  parsedOnce,
  passageStarting,
  reporter,
  speakerNames,
  speechLineCount,
  type Turn,
} from './twExpect.js';

const text001 = layoutText('tw-moda/001.txt');
const text002 = layoutText('tw-moda/002.txt');
const text005 = layoutText('tw-moda/005.txt');
const text006 = layoutText('tw-moda/006.txt');
if (text001 === null || text002 === null || text006 === null) console.warn(LAYOUTS_SKIP_MESSAGE);

// ---------------------------------------------------------------------------------------------
// 005: 2022-05-30 數位證明系統新增確診者隔離通知書補發功能記者會 (copied: runs everywhere)
// 羅秉成 is the cabinet spokesperson (莊人祥 answers him 謝謝發言人, line 7) who also introduces the
// others: under the conventions he stays 'official', not 'host'. Titles: only where the document
// writes one next to the full name — 唐鳳政委 (lines 5, 12, 13) → 政委; 莊人祥副署長 (line 27) → 副署長.
// Not asserted: 莊人祥's org (line 5 writes `CDC 莊人祥`, an abbreviation before the name, whether that
// is his org under the conventions is not settled); 龐一鳴's title (only `龐處長`, surname + title);
// 羅秉成's title (`發言人` is said to him, never written next to his name).
// ---------------------------------------------------------------------------------------------
describe('tw-moda/005: labels alone on their line, with unlabelled continuation lines', () => {
  const get = parsedOnce('tw-moda/005', text005);
  const LUO = official('羅秉成');
  const ZHUANG = official('莊人祥', { title: '副署長' });
  const TANG = official('唐鳳', { title: '政委' });
  const PANG = official('龐一鳴');
  const ASK = reporter('媒體提問', '');

  // Every labelled turn of the file (27 labels).
  const turns: Turn[] = [
    { line: 5, label: '羅秉成', starts: '謝謝，我想各位媒體朋友', speaker: LUO, kind: 'statement' },
    { line: 7, label: '莊人祥', starts: '謝謝發言人。過去 Covid-19', speaker: ZHUANG, kind: 'statement' },
    { line: 12, label: '羅秉成', starts: '謝謝莊副署長。這個新增的補發功能', speaker: LUO, kind: 'statement' },
    { line: 15, label: '唐鳳', starts: '謝謝發言人。我們這個網站', speaker: TANG, kind: 'statement' },
    { line: 27, label: '羅秉成', starts: '謝謝唐政委。莊人祥副署長有沒有補充？', speaker: LUO, kind: 'statement' },
    { line: 29, label: '莊人祥', starts: '剛剛唐政委是利用全民健保行動快易通', speaker: ZHUANG, kind: 'statement' },
    { line: 31, label: '媒體提問', starts: '不好意思，想問一下，從 5 月 1 日開始上線', speaker: ASK, kind: 'question' },
    { line: 33, label: '龐一鳴', starts: '我來說明一下目前大概的情形', speaker: PANG, kind: 'answer' },
    { line: 37, label: '媒體提問', starts: '不好意思，想請問一下，這個有做過測試嗎？', speaker: ASK, kind: 'question' },
    { line: 39, label: '龐一鳴', starts: '我可以來說明一下，後面用的平台', speaker: PANG, kind: 'answer' },
    { line: 41, label: '媒體提問', starts: '我補問一下問題', speaker: ASK, kind: 'question' },
    { line: 43, label: '龐一鳴', starts: '我們的系統服務其實是從 5 月 1 日開始', speaker: PANG, kind: 'answer' },
    // A second official in the same open exchange: still an answer.
    { line: 45, label: '羅秉成', starts: '人數的多寡，因為有在變異中', speaker: LUO, kind: 'answer' },
    { line: 47, label: '媒體提問', starts: '分子、分母出來？', speaker: ASK, kind: 'question' },
    { line: 49, label: '羅秉成', starts: '我請龐處長說一下大約的數字。', speaker: LUO, kind: 'answer' },
    { line: 51, label: '龐一鳴', starts: '目前系統上收的數字大概是 50 萬。', speaker: PANG, kind: 'answer' },
    { line: 53, label: '媒體提問', starts: '50 萬是沒有發的？', speaker: ASK, kind: 'question' },
    { line: 55, label: '龐一鳴', starts: '有發，他沒有拿', speaker: PANG, kind: 'answer' },
    // 羅秉成 asks his colleague a clarifying question (…是這個意思？): he is an official, not a reporter,
    // so under the conventions his turn is not a 'question' but part of the open exchange's answer.
    { line: 57, label: '羅秉成', starts: '就是剛剛講說符合這個資格', speaker: LUO, kind: 'answer' },
    { line: 59, label: '龐一鳴', starts: '是。', speaker: PANG, kind: 'answer' },
    { line: 61, label: '唐鳳', starts: '每天都在增加。', speaker: TANG, kind: 'answer' },
    { line: 63, label: '羅秉成', starts: '所以剛剛跟你說明比例數字', speaker: LUO, kind: 'answer' },
    { line: 65, label: '媒體提問', starts: '不好意思，想詢問一下政委', speaker: ASK, kind: 'question' },
    { line: 67, label: '唐鳳', starts: '今天上線這個功能之後', speaker: TANG, kind: 'answer' },
    { line: 70, label: '媒體提問', starts: '剛剛唐政委有提到接下來會規劃', speaker: ASK, kind: 'question' },
    { line: 72, label: '唐鳳', starts: '簡報第 2 頁', speaker: TANG, kind: 'answer' },
    { line: 74, label: '羅秉成', starts: '特別說明，今天是針對確診者', speaker: LUO, kind: 'answer' },
  ];

  it('pins a row for every label of the file', () => {
    expect(turns.map((r) => r.line - 1)).toEqual(labelLineSpans(text005!).map((l) => l.line));
  });

  it.each(turns)('gives the speech line under `### $label：` (line $line) to $label, kind $kind', (row) => {
    expectTurn(get(), row);
  });

  const continuations: Turn[] = [
    { line: 8, label: '莊人祥', starts: '地方衛生局除了對確診者進行疫調', speaker: ZHUANG, kind: 'statement' },
    { line: 9, label: '莊人祥', starts: '所以為了降低地方的負擔', speaker: ZHUANG, kind: 'statement' },
    { line: 10, label: '莊人祥', starts: '這個過程後來我們跟地方密切開會', speaker: ZHUANG, kind: 'statement' },
    { line: 13, label: '羅秉成', starts: '這個系統其實 CDC 在昨天的新聞稿', speaker: LUO, kind: 'statement' },
    { line: 16, label: '唐鳳', starts: '可以看到在手機上', speaker: TANG, kind: 'statement' },
    { line: 19, label: '唐鳳', starts: '在這邊特別跟大家講，勞動部', speaker: TANG, kind: 'statement' },
    { line: 25, label: '唐鳳', starts: '這次上線的範圍是從 5 月 1 日開始', speaker: TANG, kind: 'statement' },
    { line: 34, label: '龐一鳴', starts: '另外有些民眾是發了簡訊給他', speaker: PANG, kind: 'answer' },
    { line: 35, label: '龐一鳴', starts: '剛剛政委、副署長都有很明確講說', speaker: PANG, kind: 'answer' },
    { line: 68, label: '唐鳳', starts: '確實跟地方政府討論的時候', speaker: TANG, kind: 'answer' },
  ];

  it.each(continuations)('continues $label\'s turn over the unlabelled line $line (same speaker, kind $kind)', (row) => {
    expectTurn(get(), row, true);
  });

  it('keeps every `### 名字：` label line out of the passages, as meta', () => {
    expectLabelLinesAreMeta(get());
  });

  it('makes one passage of each of the 44 speech lines, none of them a label', () => {
    const { doc, text } = get();
    expect(speechLineCount(text)).toBe(44);
    expect(doc.passages).toHaveLength(44);
    for (const p of doc.passages) expect(lineOf(text, p)).not.toMatch(/^#/u);
  });

  it('takes `### 媒體提問：` for an anonymous reporter named by the label, with no outlet', () => {
    const p = passageStarting(get(), '分子、分母出來？');
    expect(p.speaker).toEqual({ name: '媒體提問', title: '', org: '', role: 'reporter' });
  });

  it('keeps names in Traditional script and invents no speaker (exactly the five labels)', () => {
    const names = speakerNames(get().doc);
    expect(names).toEqual(['唐鳳', '媒體提問', '莊人祥', '羅秉成', '龐一鳴'].sort());
    expect(names).not.toContain('唐凤');
    expect(names).not.toContain('罗秉成');
    expect(names).not.toContain('庞一鸣');
  });

  it('opens an exchange at the first question, answered by 龐一鳴 over his three lines', () => {
    const t = get();
    const q = passageStarting(t, '不好意思，想問一下，從 5 月 1 日開始上線');
    expect(q.exchange).not.toBeNull();
    const ex = t.doc.exchanges[q.exchange!]!;
    expect(ex.question).toBe(q.n);
    const answerLines = ['我來說明一下目前大概的情形', '另外有些民眾是發了簡訊給他', '剛剛政委、副署長都有很明確講說'];
    const ns = answerLines.map((s) => passageStarting(t, s).n);
    expect(ex.answers).toEqual(expect.arrayContaining(ns));
    expect(ex.answeredBy).toBe('龐一鳴');
    for (const s of answerLines) expect(passageStarting(t, s).exchange).toBe(q.exchange);
  });

  it('opens no exchange before the first question (opening statements)', () => {
    const t = get();
    for (const s of ['謝謝，我想各位媒體朋友', '謝謝發言人。我們這個網站', '剛剛唐政委是利用全民健保行動快易通']) {
      expect(passageStarting(t, s).exchange, s).toBeNull();
    }
  });

  it('opens seven exchanges, one per 媒體提問 turn', () => {
    const t = get();
    const questions = t.doc.passages.filter((p) => p.kind === 'question');
    expect(questions).toHaveLength(7);
    expect(new Set(questions.map((q) => q.exchange)).size).toBe(7);
  });
});

// ---------------------------------------------------------------------------------------------
// 006: 2022-09-01 數位部長唐鳳線上視訊記者會逐字稿. The title says 數位部長唐鳳 → 唐鳳 {title 部長, org 數位部}.
// Reporters: outlet + name (中央社 蘇思云, Yahoo 財經 楊絡懸, iThome 余至浩), outlet alone (中視新聞), `問`.
// The host's kind is not asserted: the conventions give kinds for officials and reporters only.
// ---------------------------------------------------------------------------------------------
describe.skipIf(text006 === null)('tw-moda/006: a minister answering outlets labelled with and without a name', () => {
  const get = parsedOnce('tw-moda/006', text006);
  const TANG = { name: '唐鳳', title: '部長', org: '數位部', role: 'official' };
  const HOST = host('主持人');
  const CNA = reporter('蘇思云', '中央社');
  const LTN = reporter('徐子苓', '自由時報');
  const CTV = reporter('中視新聞', '中視新聞');
  const CTS = reporter('張至人', '華視新聞');
  const ITHOME_YU = reporter('余至浩', 'iThome');
  const YAHOO = reporter('楊絡懸', 'Yahoo 財經');
  const ITHOME_SU = reporter('蘇文彬', 'iThome');
  const GVM = reporter('羅之盈', '遠見雜誌');
  const ETT = reporter('李怡欣', '大紀元時報');
  const ASKED = { name: '記者', title: '記者', org: '', role: 'reporter' };

  // Every labelled turn of the file (37 labels).
  const turns: Turn[] = [
    { line: 5, label: '主持人', starts: '[記者會](https://moda.gov.tw/press', speaker: HOST },
    { line: 7, label: '唐鳳', starts: '各位新聞媒體朋友大家好，記者節快樂。', speaker: TANG, kind: 'statement' },
    { line: 19, label: '中央社 蘇思云', starts: '「1. 想請教部長，今天早上', speaker: CNA, kind: 'question' },
    { line: 21, label: '唐鳳', starts: '謝謝，這個是很好的問題。我們督導的政委', speaker: TANG, kind: 'answer' },
    { line: 24, label: '中央社 蘇思云', starts: '「2. 數位部預算昨天已送到立法院', speaker: CNA, kind: 'question' },
    { line: 26, label: '唐鳳', starts: '數位部的預算，昨天送到立法院', speaker: TANG, kind: 'answer' },
    { line: 28, label: '自由時報 徐子苓', starts: '「1. 今天有多名學者', speaker: LTN, kind: 'question' },
    { line: 30, label: '唐鳳', starts: '第一個問題剛剛有提供了。', speaker: TANG, kind: 'answer' },
    { line: 32, label: '自由時報 徐子苓', starts: '「2. 有學者透露', speaker: LTN, kind: 'question' },
    { line: 34, label: '唐鳳', starts: '我想政府施政', speaker: TANG, kind: 'answer' },
    { line: 36, label: '中視新聞', starts: '「想請問數位部目前開出的約聘僱人數', speaker: CTV, kind: 'question' },
    { line: 38, label: '唐鳳', starts: '不是這樣子。我們數位部依法', speaker: TANG, kind: 'answer' },
    { line: 41, label: '中視新聞', starts: '「2. 國民黨立委發現', speaker: CTV, kind: 'question' },
    { line: 43, label: '唐鳳', starts: '大家如果有在我們的徵才上看的話', speaker: TANG, kind: 'answer' },
    { line: 45, label: '華視新聞 張至人', starts: '「1. 外界質疑數位部預算過高', speaker: CTS, kind: 'question' },
    { line: 47, label: '唐鳳', starts: '我想如果是公務預算是 57 億元', speaker: TANG, kind: 'answer' },
    { line: 50, label: '華視新聞 張至人', starts: '「2. 有立委批評出差旅費', speaker: CTS, kind: 'question' },
    { line: 52, label: '唐鳳', starts: '我們非常多的業務都是跟國際合作', speaker: TANG, kind: 'answer' },
    { line: 58, label: 'iThome 余至浩', starts: '「1. 除了災情、戰時', speaker: ITHOME_YU, kind: 'question' },
    { line: 60, label: '唐鳳', starts: '現行法規已經強化通訊', speaker: TANG, kind: 'answer' },
    { line: 63, label: 'iThome 余至浩', starts: '「2. 前陣子日本', speaker: ITHOME_YU, kind: 'question' },
    { line: 65, label: '唐鳳', starts: '這個是非常好的問題，我們剛剛講到會有防護演練', speaker: TANG, kind: 'answer' },
    { line: 67, label: 'Yahoo 財經 楊絡懸', starts: '「台灣目前有『學用落差』', speaker: YAHOO, kind: 'question' },
    { line: 69, label: '唐鳳', starts: '非常好的問題。', speaker: TANG, kind: 'answer' },
    { line: 72, label: 'iThome 蘇文彬', starts: '「低軌衛星的部分', speaker: ITHOME_SU, kind: 'question' },
    { line: 74, label: '唐鳳', starts: '都是非常好的問題。', speaker: TANG, kind: 'answer' },
    { line: 79, label: '遠見雜誌 羅之盈', starts: '「今天的簡報上提及', speaker: GVM, kind: 'question' },
    { line: 81, label: '唐鳳', starts: '我想我們在計畫裡面的用詞', speaker: TANG, kind: 'answer' },
    { line: 83, label: 'iThome 蘇文彬', starts: '「再請問，第二項計畫', speaker: ITHOME_SU, kind: 'question' },
    { line: 85, label: '唐鳳', starts: '這個是很好的問題。我想「沙盒」', speaker: TANG, kind: 'answer' },
    { line: 90, label: '大紀元時報 李怡欣', starts: '「數發部下設民主網絡司', speaker: ETT, kind: 'question' },
    { line: 92, label: '唐鳳', starts: '當然很樂意，「Plurality」', speaker: TANG, kind: 'answer' },
    { line: 96, label: '問', starts: '「簡稱是數位部還是數發部呢？」', speaker: ASKED, kind: 'question' },
    { line: 98, label: '唐鳳', starts: '我們並沒有律定大家', speaker: TANG, kind: 'answer' },
    { line: 100, label: '中央社 蘇思云', starts: '「想追問一下', speaker: CNA, kind: 'question' },
    { line: 102, label: '唐鳳', starts: '當然很樂意。我剛剛提到的是 VRS', speaker: TANG, kind: 'answer' },
    { line: 106, label: '主持人', starts: '如果沒有問題的話', speaker: HOST },
  ];

  it('pins a row for every label of the file', () => {
    expect(turns.map((r) => r.line - 1)).toEqual(labelLineSpans(text006!).map((l) => l.line));
  });

  it.each(turns)('gives the speech line under `### $label：` (line $line) to its speaker', (row) => {
    expectTurn(get(), row);
  });

  const continuations: Turn[] = [
    { line: 8, label: '唐鳳', starts: '非常高興有這個機會，在線上跟大家說明', speaker: TANG, kind: 'statement' },
    { line: 13, label: '唐鳳', starts: '我舉例，好比像如果是有聽障', speaker: TANG, kind: 'statement' },
    { line: 17, label: '唐鳳', starts: '就像剛剛講到的完備基礎', speaker: TANG, kind: 'statement' },
    { line: 22, label: '唐鳳', starts: '另外，在吳老師的協調之下', speaker: TANG, kind: 'answer' },
    { line: 39, label: '唐鳳', starts: '我們成立到現在不到一週', speaker: TANG, kind: 'answer' },
    { line: 48, label: '唐鳳', starts: '前瞻預算的分項都已經在網站上公開', speaker: TANG, kind: 'answer' },
    { line: 56, label: '唐鳳', starts: '下一個子題，關於約聘的部分', speaker: TANG, kind: 'answer' },
    // The line has a colon after 數位人才 mid-sentence: not a label.
    { line: 70, label: '唐鳳', starts: '我們可以看到在第四期的前瞻計畫當中', speaker: TANG, kind: 'answer' },
    { line: 77, label: '唐鳳', starts: '另外，在臺灣開放商用服務之後', speaker: TANG, kind: 'answer' },
    { line: 94, label: '唐鳳', starts: '我想大家對於「多元宇宙科」的討論', speaker: TANG, kind: 'answer' },
    { line: 104, label: '唐鳳', starts: '這一些部分就像剛剛講到的', speaker: TANG, kind: 'answer' },
  ];

  it.each(continuations)('continues 唐鳳\'s turn over the unlabelled line $line (kind $kind)', (row) => {
    expectTurn(get(), row, true);
  });

  it('takes the minister\'s title and org from the document title (數位部長唐鳳 → 部長, 數位部)', () => {
    const p = passageStarting(get(), '第一個問題剛剛有提供了。');
    expect(p.speaker).toEqual({ name: '唐鳳', title: '部長', org: '數位部', role: 'official' });
  });

  it('takes a person label after an outlet (中央社 蘇思云) for that outlet\'s reporter', () => {
    const p = passageStarting(get(), '「2. 數位部預算昨天已送到立法院');
    expect(p.speaker).toEqual({ name: '蘇思云', title: '', org: '中央社', role: 'reporter' });
    expect(p.kind).toBe('question');
  });

  it('takes everything before the last name for the outlet (Yahoo 財經 楊絡懸 → org Yahoo 財經)', () => {
    const p = passageStarting(get(), '「台灣目前有『學用落差』');
    expect(p.speaker).toEqual({ name: '楊絡懸', title: '', org: 'Yahoo 財經', role: 'reporter' });
  });

  it('takes a Latin-script outlet before a name (iThome 余至浩) for that outlet', () => {
    const p = passageStarting(get(), '「1. 除了災情、戰時');
    expect(p.speaker).toEqual({ name: '余至浩', title: '', org: 'iThome', role: 'reporter' });
  });

  it('takes an outlet alone (中視新聞：) for a reporter named by the outlet', () => {
    const p = passageStarting(get(), '「2. 國民黨立委發現');
    expect(p.speaker).toEqual({ name: '中視新聞', title: '', org: '中視新聞', role: 'reporter' });
  });

  it('reads `### 問：` in a Traditional document as 記者 with no outlet', () => {
    const p = passageStarting(get(), '「簡稱是數位部還是數發部呢？」');
    expect(p.speaker).toEqual({ name: '記者', title: '記者', org: '', role: 'reporter' });
    expect(p.kind).toBe('question');
  });

  it('gives `### 主持人：` lines to the host', () => {
    for (const s of ['[記者會](https://moda.gov.tw/press', '如果沒有問題的話']) {
      expect(passageStarting(get(), s).speaker, s).toEqual({ name: '主持人', title: '主持人', org: '', role: 'host' });
    }
  });

  it('keeps every `### 名字：` label line out of the passages, as meta', () => {
    expectLabelLinesAreMeta(get());
  });

  it('makes one passage of each of the 66 speech lines', () => {
    const { doc, text } = get();
    expect(speechLineCount(text)).toBe(66);
    expect(doc.passages).toHaveLength(66);
  });

  it('keeps names in Traditional script and invents no speaker (exactly the labels\' people)', () => {
    const names = speakerNames(get().doc);
    expect(names).toEqual(
      ['主持人', '唐鳳', '蘇思云', '徐子苓', '中視新聞', '張至人', '余至浩', '楊絡懸', '蘇文彬', '羅之盈', '李怡欣', '記者'].sort(),
    );
    expect(names).not.toContain('唐凤');
    expect(names).not.toContain('苏思云');
  });

  it('opens one exchange per question (17), each answered by 唐鳳 on the next line', () => {
    const t = get();
    const questions = t.doc.passages.filter((p) => p.kind === 'question');
    expect(questions).toHaveLength(17);
    for (const q of questions) {
      expect(q.exchange, lineOf(t.text, q).slice(0, 12)).not.toBeNull();
      const ex = t.doc.exchanges[q.exchange!]!;
      expect(ex.question).toBe(q.n);
      expect(ex.answeredBy).toBe('唐鳳');
      const next = t.doc.passages.find((p) => p.n === q.n + 1)!;
      expect(next.exchange).toBe(q.exchange);
      expect(ex.answers).toContain(next.n);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 001: 2016-10-01 萌典松前記者會. The label is repeated before every paragraph. 唐鳳's title is never
// written next to her name (reporters say 政委 to her), so only name and role are asserted.
// Outlets alone: cheers, 鏡傳媒, tvbs, 東森新聞, 台視 (and 蘋果, which the document never presents as one); anonymous: 匿名. The reporters introduce
// themselves inside their speech (line 11 `我是Cheers雜誌的記者，我叫竣傑`, line 21 `鏡傳媒芷筠`), but the
// conventions name an outlet-alone label's reporter by the label: name cheers / 鏡傳媒.
// ---------------------------------------------------------------------------------------------
describe.skipIf(text001 === null)('tw-moda/001: a label before every paragraph, outlets as labels', () => {
  const get = parsedOnce('tw-moda/001', text001);
  const TANG = official('唐鳳');
  const CHEERS = reporter('cheers', 'cheers');
  const MIRROR = reporter('鏡傳媒', '鏡傳媒');
  const TVBS = reporter('tvbs', 'tvbs');

  const turns: Turn[] = [
    { line: 5, label: '唐鳳', starts: '今天大家好，很高興突然之間多了這麼多朋友來', speaker: TANG, kind: 'statement' },
    { line: 7, label: '唐鳳', starts: '時間結構上面就是說', speaker: TANG, kind: 'statement' },
    { line: 9, label: '唐鳳', starts: '通常我們在上課時的做法', speaker: TANG, kind: 'statement' },
    { line: 11, label: 'cheers', starts: '唐鳳您好，我是Cheers雜誌的記者', speaker: CHEERS, kind: 'question' },
    { line: 13, label: 'cheers', starts: '想先恭喜您現在已經當政委了', speaker: CHEERS, kind: 'question' },
    { line: 15, label: '唐鳳', starts: '我現在要做的就是回答你的問題。', speaker: TANG, kind: 'answer' },
    // A bare （笑） under a reporter's label: the speaker is the label's; the kind is left open
    // (a reporter's turn is 'question', but this is a stage-like laugh, not a question).
    { line: 17, label: 'cheers', starts: '（笑）', speaker: CHEERS },
    { line: 21, label: '鏡傳媒', starts: '鏡傳媒芷筠，您好！', speaker: MIRROR, kind: 'question' },
    { line: 23, label: '唐鳳', starts: '非常好的問題。其實當時跟同學們', speaker: TANG, kind: 'answer' },
    { line: 27, label: '鏡傳媒', starts: '那後來到直潭國小', speaker: MIRROR, kind: 'question' },
    { line: 29, label: '唐鳳', starts: '因為我後來其實就休學了', speaker: TANG, kind: 'answer' },
    { line: 41, label: 'cheers', starts: '以您自己的經驗', speaker: CHEERS, kind: 'question' },
    { line: 43, label: '唐鳳', starts: '其實簡單講，第一個您是問我', speaker: TANG, kind: 'answer' },
    { line: 69, label: 'tvbs', starts: '我們想問一下，當你決定走進體制內', speaker: TVBS, kind: 'question' },
    { line: 71, label: '唐鳳', starts: '家人扮演的角色其實就是被告知的角色', speaker: TANG, kind: 'answer' },
    { line: 73, label: '唐鳳', starts: '所以其實是還好', speaker: TANG, kind: 'answer' },
    { line: 75, label: '東森新聞', starts: '想知道選擇進入政府保守體制內', speaker: reporter('東森新聞', '東森新聞'), kind: 'question' },
    { line: 77, label: '唐鳳', starts: '其實我剛跟這邊的朋友（法國國際廣播電台）', speaker: TANG, kind: 'answer' },
    { line: 79, label: '台視', starts: '進入公部門，會不會擔心', speaker: reporter('台視', '台視'), kind: 'question' },
    { line: 81, label: '唐鳳', starts: '性別其實不是一個問題。', speaker: TANG, kind: 'answer' },
    { line: 105, label: '鏡傳媒', starts: '為什麼會認同「無性」呢？', speaker: MIRROR, kind: 'question' },
    { line: 107, label: '唐鳳', starts: '我也沒有認同無性', speaker: TANG, kind: 'answer' },
    { line: 133, label: 'tvbs', starts: '請問有什麼事，是你上任後', speaker: TVBS, kind: 'question' },
    { line: 135, label: '唐鳳', starts: '這個可以很快速回答', speaker: TANG, kind: 'answer' },
    { line: 137, label: '唐鳳', starts: '這是我之前在十二年國教課發會', speaker: TANG, kind: 'answer' },
    { line: 141, label: '鏡傳媒', starts: '請問這和VR有關係嗎？', speaker: MIRROR, kind: 'question' },
    { line: 143, label: '唐鳳', starts: '對，在VR的環境裡進行冥想。', speaker: TANG, kind: 'answer' },
    { line: 155, label: '匿名', starts: '很多年輕人不相信婚姻', speaker: reporter('匿名', ''), kind: 'question' },
    { line: 161, label: 'cheers', starts: '會不會想要在政府網站', speaker: CHEERS, kind: 'question' },
    { line: 163, label: '唐鳳', starts: '政府網站的這一件事', speaker: TANG, kind: 'answer' },
    // 蘋果 (Apple Daily) is an outlet only to a reader who knows it: the document never says so (no 記者,
    // no 日報, no self-introduction), so the parser, which learns outlets from each document, names no outlet.
    { line: 169, label: '蘋果', starts: '想要詢問，為什麼面對面', speaker: reporter('蘋果', ''), kind: 'question' },
    { line: 171, label: '唐鳳', starts: '剛剛講了，我們的聲音來源只有兩個聲道', speaker: TANG, kind: 'answer' },
    // Closing words; after the last question, so the kind (answer of an open exchange?) is not pinned.
    { line: 179, label: '唐鳳', starts: '好，那就這樣囉！', speaker: TANG },
  ];

  it.each(turns)('gives the speech line under `### $label：` (line $line) to its speaker', (row) => {
    expectTurn(get(), row);
  });

  it('takes a lower-case Latin outlet alone (cheers：) for a reporter named cheers', () => {
    const p = passageStarting(get(), '想先恭喜您現在已經當政委了');
    expect(p.speaker).toEqual({ name: 'cheers', title: '', org: 'cheers', role: 'reporter' });
  });

  it('takes `### 匿名：` for an anonymous reporter with no outlet', () => {
    const p = passageStarting(get(), '很多年輕人不相信婚姻');
    expect(p.speaker).toEqual({ name: '匿名', title: '', org: '', role: 'reporter' });
    expect(p.kind).toBe('question');
  });

  it('does not take a quotation with a colon inside an answer (我們知道尼采說：「…」) for a label', () => {
    const p = passageStarting(get(), '我們知道尼采說：「你相信什麼');
    expect(p.speaker).toEqual(TANG);
    expect(p.kind).toBe('answer');
    expect(p.bodyStart).toBe(p.span.start);
  });

  it('keeps every `### 名字：` label line out of the passages, as meta', () => {
    expectLabelLinesAreMeta(get());
  });

  it('makes one passage of each of the 88 speech lines', () => {
    const { doc, text } = get();
    expect(speechLineCount(text)).toBe(88);
    expect(doc.passages).toHaveLength(88);
  });

  it('keeps names in Traditional script and invents no speaker (exactly the eight labels)', () => {
    const names = speakerNames(get().doc);
    expect(names).toEqual(['唐鳳', 'cheers', '鏡傳媒', 'tvbs', '東森新聞', '台視', '匿名', '蘋果'].sort());
    expect(names).not.toContain('唐凤');
    expect(names).not.toContain('尼采');
  });
});

// ---------------------------------------------------------------------------------------------
// 002: 2017-12-13 南方四島國家公園海域劃設自然人文生態景觀區記者會. The label is repeated before every
// paragraph. 張秀禎 chairs and introduces the others; she is addressed as 副發言人 (lines 85, 93), so
// under the conventions ("a named spokesperson who also introduces others stays 'official'") she is
// an official (SOURCES.md lists such a spokesperson among hosts; the conventions are the contract).
// Titles from her introduction (line 8): 唐政委鳳 → 政委, 內政部花次長敬群 → 次長 of 內政部,
// 李副主任退之 → 副主任, 海巡署聶嘉馨主任秘書 → 主任秘書 of 海巡署, 澎湖區漁會蘇淑貞秘書 → 秘書 of 澎湖區漁會.
// Later mentions disagree (聶嘉馨 says 花副次長 and 李副主委, line 93): the introduction is what is pinned;
// 李退之's org (農委會, line 83, not next to his name) is not asserted.
// Panel guests outside government (許賢德 of 澎湖縣望安鄉, 蘇淑貞 of the fishermen's association, the
// proposer 吳祖祥, and 陳貞蓉, introduced nowhere): whether they are 'official' is not settled by the
// conventions, so only name (and title/org where stated) is asserted, and that they are no reporter/host.
// ---------------------------------------------------------------------------------------------
describe.skipIf(text002 === null)('tw-moda/002: a chair introducing officials and guests, 提問者 asking', () => {
  const get = parsedOnce('tw-moda/002', text002);
  const CHAIR = official('張秀禎');
  const TANG = official('唐鳳', { title: '政委' });
  const HUA = { name: '花敬群', title: '次長', org: '內政部', role: 'official' };
  const NIE = { name: '聶嘉馨', title: '主任秘書', org: '海巡署', role: 'official' };
  const LI = official('李退之', { title: '副主任' });
  const ASKER = reporter('提問者', '');

  const turns: Turn[] = [
    { line: 6, label: '張秀禎', starts: '各位媒體朋友大家早安，歡迎參加記者會', speaker: CHAIR, kind: 'statement' },
    { line: 8, label: '張秀禎', starts: '我首先介紹今天出席的政府首長', speaker: CHAIR, kind: 'statement' },
    { line: 12, label: '唐鳳', starts: '大家好，非常高興能夠來這邊', speaker: TANG, kind: 'statement' },
    { line: 22, label: '唐鳳', starts: '在大家都願意負起責任之後', speaker: TANG, kind: 'statement' },
    { line: 24, label: '張秀禎', starts: '請內政部花次長作簡報說明', speaker: CHAIR, kind: 'statement' },
    { line: 26, label: '花敬群', starts: '各位媒體朋友大家早，非常感謝唐政委', speaker: HUA, kind: 'statement' },
    { line: 76, label: '花敬群', starts: '另外，針對娛樂漁業的管理辦法', speaker: HUA, kind: 'statement' },
    { line: 78, label: '張秀禎', starts: '謝謝花次長，因為今天澎湖縣縣長', speaker: CHAIR, kind: 'statement' },
    { line: 83, label: '張秀禎', starts: '現在我們請農委會來作簡要說明。', speaker: CHAIR, kind: 'statement' },
    { line: 85, label: '李退之', starts: '謝謝副發言人、唐鳳政委、花次長', speaker: LI, kind: 'statement' },
    { line: 93, label: '聶嘉馨', starts: '謝謝副發言人、唐政委、花副次長', speaker: NIE, kind: 'statement' },
    { line: 107, label: '許賢德', starts: '中央長官好、記者朋友大家好', speaker: named('許賢德') },
    // The label says 蘇淑貞, but she says 我是澎湖區漁會代表蔡月嬌 (a slip of the source or a substitute):
    // the label is what names the speaker.
    { line: 119, label: '蘇淑貞', starts: '各位長官、先進、記者朋友，大家早安。', speaker: expect.objectContaining({ name: '蘇淑貞', title: '秘書', org: '澎湖區漁會' }) },
    { line: 125, label: '吳祖祥', starts: '我方便站起來說明嗎？', speaker: named('吳祖祥') },
    { line: 127, label: '張秀禎', starts: '可以，請。', speaker: CHAIR, kind: 'statement' },
    { line: 145, label: '張秀禎', starts: '我們現在進行答問', speaker: CHAIR, kind: 'statement' },
    { line: 147, label: '提問者', starts: '想請問第一個問題：我們這一次政策', speaker: ASKER, kind: 'question' },
    { line: 149, label: '提問者', starts: '第二，剛才其實也看到地方政府', speaker: ASKER, kind: 'question' },
    { line: 153, label: '唐鳳', starts: '我想是這樣，我們一共目前開了25次的協作會議', speaker: TANG, kind: 'answer' },
    { line: 167, label: '提問者', starts: '提案人吳先生根據他的說明', speaker: ASKER, kind: 'question' },
    { line: 173, label: '花敬群', starts: '總體範圍還是從整個國家範圍', speaker: HUA, kind: 'answer' },
    { line: 175, label: '提問者', starts: '是藍色的部分嗎？', speaker: ASKER, kind: 'question' },
    { line: 177, label: '花敬群', starts: '這個是四島的位置', speaker: HUA, kind: 'answer' },
    { line: 179, label: '提問者', starts: '是不是可以用手指比？', speaker: ASKER, kind: 'question' },
    { line: 181, label: '陳貞蓉', starts: '我們現在說的是EFHG', speaker: named('陳貞蓉') },
    { line: 183, label: '花敬群', starts: '當然包含四島，只是現階段的作為', speaker: HUA, kind: 'answer' },
    { line: 187, label: '提問者', starts: '今天縣長不來是因為反對嗎？', speaker: ASKER, kind: 'question' },
    { line: 189, label: '唐鳳', starts: '縣長是因為現在還在議會質詢期間', speaker: TANG, kind: 'answer' },
    { line: 193, label: '吳祖祥', starts: '我是一個平民百姓，我的工作是做房屋仲介', speaker: named('吳祖祥') },
    { line: 199, label: '提問者', starts: '我想要請問海巡署', speaker: ASKER, kind: 'question' },
    // A line ending in a full-width colon that is speech, not a label (no `###`).
    { line: 201, label: '聶嘉馨', starts: '有幾個數據跟各位報告：', speaker: NIE, kind: 'answer' },
    { line: 203, label: '聶嘉馨', starts: '第一，我們從去年5月份到今年10月份', speaker: NIE, kind: 'answer' },
    { line: 215, label: '花敬群', starts: '跟各位報告，剛剛吳先生特別提到禁漁', speaker: HUA, kind: 'answer' },
    // The chair between answers and the last question / closing: official, kind not pinned.
    { line: 225, label: '張秀禎', starts: '因為記者會已經進行一個小時', speaker: CHAIR },
    { line: 227, label: '提問者', starts: '剛剛內政部有說明到明年6月', speaker: ASKER, kind: 'question' },
    { line: 235, label: '花敬群', starts: '跟大家報告，其實當然對於', speaker: HUA, kind: 'answer' },
    { line: 247, label: '唐鳳', starts: '我想後續的溝通原則', speaker: TANG, kind: 'answer' },
    { line: 253, label: '張秀禎', starts: '謝謝唐政委，也謝謝各位出席記者會', speaker: CHAIR },
  ];

  it.each(turns)('gives the speech line under `### $label：` (line $line) to its speaker', (row) => {
    expectTurn(get(), row);
  });

  it('takes title and org from the chair\'s introduction (內政部花次長敬群 → 次長, 內政部)', () => {
    const p = passageStarting(get(), '各位媒體朋友大家早，非常感謝唐政委');
    expect(p.speaker).toEqual({ name: '花敬群', title: '次長', org: '內政部', role: 'official' });
  });

  it('takes title and org written around the name (海巡署聶嘉馨主任秘書 → 主任秘書, 海巡署)', () => {
    const p = passageStarting(get(), '第二，配合兩岸關係條件第80條之1');
    expect(p.speaker).toEqual({ name: '聶嘉馨', title: '主任秘書', org: '海巡署', role: 'official' });
  });

  it('keeps a spokesperson who chairs and introduces others (張秀禎) an official, not a host', () => {
    const p = passageStarting(get(), '接下來我會請各位出席的代表做一個簡要的說明');
    expect(p.speaker).toEqual(expect.objectContaining({ name: '張秀禎', role: 'official' }));
  });

  it('gives panel guests their label\'s name and never makes them reporters or hosts', () => {
    const t = get();
    for (const s of ['中央長官好、記者朋友大家好', '當天除了縣政府長官、議長', '我方便站起來說明嗎？', '我們現在說的是EFHG', '現在被人家抹黑我聯合潛水業者']) {
      const p = passageStarting(t, s);
      expect(p.speaker, s).not.toBeNull();
      expect(['reporter', 'host'], s).not.toContain(p.speaker!.role);
      expect(p.kind, s).not.toBe('question');
    }
  });

  it('takes `### 提問者：` for an anonymous reporter with no outlet', () => {
    const p = passageStarting(get(), '我剛剛不太清楚您講的那個範圍');
    expect(p.speaker).toEqual({ name: '提問者', title: '', org: '', role: 'reporter' });
    expect(p.kind).toBe('question');
  });

  it('does not take a colon inside a question (想請問第一個問題：…) for a label', () => {
    const p = passageStarting(get(), '想請問第一個問題：我們這一次政策');
    expect(p.speaker?.name).toBe('提問者');
    expect(p.bodyStart).toBe(p.span.start);
  });

  it('makes `> …` stage and link lines notes with no speaker, even inside the chair\'s turn', () => {
    const t = get();
    for (const s of ['> （政策履歷參考：Penghu.pdis.tw', '> （播放影片）']) {
      const p = passageStarting(t, s);
      expect(p.kind, s).toBe('note');
      expect(p.speaker, s).toBeNull();
    }
  });

  it('keeps every `### 名字：` label line out of the passages, as meta', () => {
    expectLabelLinesAreMeta(get());
  });

  it('makes one passage of each of the 126 speech and note lines', () => {
    const { doc, text } = get();
    expect(speechLineCount(text)).toBe(126);
    expect(doc.passages).toHaveLength(126);
  });

  it('keeps names in Traditional script and invents no speaker (exactly the ten labels)', () => {
    const names = speakerNames(get().doc);
    expect(names).toEqual(['張秀禎', '唐鳳', '花敬群', '李退之', '聶嘉馨', '許賢德', '蘇淑貞', '吳祖祥', '提問者', '陳貞蓉'].sort());
    expect(names).not.toContain('唐凤');
    expect(names).not.toContain('花敬群次长');
    expect(names).not.toContain('蔡月嬌');
  });
});

// Every label of 001 and 002, not a sample: the label itself says who speaks (the speaker's name as
// written, 問 being 記者), and what kind of label it is says the role — an outlet or an anonymous
// asker is a reporter, a person on the panel is not. Read from the files' label inventory.
const LABEL_ROLES: Record<string, { name: string; reporter: boolean }> = {
  唐鳳: { name: '唐鳳', reporter: false },
  cheers: { name: 'cheers', reporter: true },
  鏡傳媒: { name: '鏡傳媒', reporter: true },
  tvbs: { name: 'tvbs', reporter: true },
  東森新聞: { name: '東森新聞', reporter: true },
  台視: { name: '台視', reporter: true },
  蘋果: { name: '蘋果', reporter: true },
  匿名: { name: '匿名', reporter: true },
  問: { name: '記者', reporter: true },
  張秀禎: { name: '張秀禎', reporter: false },
  花敬群: { name: '花敬群', reporter: false },
  李退之: { name: '李退之', reporter: false },
  聶嘉馨: { name: '聶嘉馨', reporter: false },
  許賢德: { name: '許賢德', reporter: false },
  蘇淑貞: { name: '蘇淑貞', reporter: false },
  吳祖祥: { name: '吳祖祥', reporter: false },
  陳貞蓉: { name: '陳貞蓉', reporter: false },
  提問者: { name: '提問者', reporter: true },
};

for (const [id, text] of [['tw-moda/001', text001], ['tw-moda/002', text002]] as const) {
  describe.skipIf(text === null)(`${id}: every label`, () => {
    const get = parsedOnce(id, text);

    it('gives the line after every `### 名字：` label to the speaker the label names, with the role its kind of label says', () => {
      const { doc } = get();
      const labels = labelLineSpans(text!);
      expect(labels.length).toBeGreaterThan(80);
      let compared = 0;
      for (const l of labels) {
        const expected = LABEL_ROLES[l.label];
        expect(expected, `label ${l.label} (line ${l.line}) is in the table`).toBeDefined();
        const next = doc.passages.find((p) => p.span.start > l.end);
        // A label right before the next label (### 吳祖祥： with its speech under a later label) has no line of its own.
        if (!next || labels.some((o) => o.start > l.end && o.start < next.span.start)) continue;
        expect.soft({ line: l.line, name: next.speaker?.name, reporter: next.speaker?.role === 'reporter' }).toEqual({ line: l.line, ...expected });
        compared++;
      }
      expect(compared).toBeGreaterThan(labels.length * 0.95);
    });
  });
}

// A transcript as its source keeps it (audreyt/transcript @ 0c9d3f6, `2016-11-16-徐發言人及唐政委與記者茶敘.md`,
// CC0): the first lines verbatim, markdown heading and all. The shared samples had their `# ` heading
// rewritten into a title line and a date line; the source files have neither.
describe('a markdown transcript whose first line is a `# ` heading', () => {
  const text = [
    '# 2016-11-16 徐發言人及唐政委與記者茶敘',
    '',
    '### 徐國勇：',
    '大家對他有一些好奇，不過經過這一個多月，好奇心越來越低了。',
    '',
    '### 唐鳳：',
    '其實很高興不是透過螢幕見到大家（笑）。',
    '',
    '### 提問者：',
    '之前蔡政委在的時候有請你主持Uber跟Airbnb的座談，您覺得共享經濟在臺灣應該怎麼樣來處理會是合情、合理、合法？',
    '',
    '### 唐鳳：',
    '兩個問題：一個是Uber跟Airbnb；第二個問題是關於新型態的。',
  ].join('\n');
  const doc = parseTranscript('2016-11-16', text);

  it('reads the heading as the title, without its marks, and the date written in it', () => {
    expect(doc.title).toBe('2016-11-16 徐發言人及唐政委與記者茶敘');
    expect(doc.date).toBe('2016-11-16');
    expect(doc.warnings).toEqual([]);
    const title = doc.meta.find((m) => m.field === 'title');
    expect(title && text.slice(title.start, title.end)).toBe('# 2016-11-16 徐發言人及唐政委與記者茶敘');
  });

  it('indexes no passage for the heading and keeps the labelled speech', () => {
    expect(doc.passages.map((p) => [p.speaker?.name, p.kind])).toEqual([
      ['徐國勇', 'statement'],
      ['唐鳳', 'statement'],
      ['提問者', 'question'],
      ['唐鳳', 'answer'],
    ]);
  });
});
