// What journalists type, as data: question filler that need not stand in the
// text, and the domain's short forms. Users extend the short forms with a
// plain file in the corpus folder (ingest/synonymsFile.ts reads it when the
// index opens).

import { matchForm } from '../analysis/normalize.js';

/**
 * Words of a question, not of its subject (汪文斌谈台湾, 毛宁如何回应南海问题,
 * 台湾 林剑怎么说, 汪文斌对台湾的表态): dropped when they stand as words of
 * their own after segmentation, never cut out of a longer word (对台军售 stays).
 */
export const QUESTION_FILLER: ReadonlySet<string> = new Set([
  '谈', '谈谈', '谈到', '关于', '有关', '如何', '怎么', '怎样', '怎么样', '回应', '回答', '评论', '评价', '看待', '看法', '表态',
  '说', '说了', '说过', '讲', '讲了', '称', '提到', '提及', '问题', '的', '了', '吗', '呢', '对', '就', '和', '与', '及', '是',
  '什么', '有何', '何', '哪些', '为何', '为什么', '观点', '立场', '态度', '发言', '答', '问', '怎么说', '如何看', '怎么看', '看',
  // A yes/no question (赵立坚有没有说过病毒溯源？): its A-not-A verb, 是否, and the aspect particles the segmenter leaves alone.
  '有没有', '是不是', '会不会', '有无', '是否', '曾', '曾经', '过', '着', '谈过', '讲过', '提过',
  // What an outlet asked (彭博社有没有问过芯片): the asking is the question's, not the subject's.
  '问过', '问到', '问了', '问及',
]);

/**
 * Words that mark a question rather than its subject: a part holding one of them
 * is cut into words, and the filler dropped (谈判 holds 谈 and stays one word).
 */
export const QUESTION_MARKERS: readonly string[] = ['谈', '如何', '怎么', '怎样', '回应', '评论', '看待', '看法', '表态', '有何', '立场', '态度', '有没有', '是不是', '是否', '问过', '问到', '问及'];

/** A subject with the question's word grown onto it (领土问题, 台湾的表态): the tail is filler. */
export const FILLER_TAILS: readonly string[] = ['问题', '的表态', '的看法', '的立场', '表态', '看法'];

/**
 * A title as a query may shorten it: the holders of 国防部新闻发言人 are also 国防部发言人.
 * Each pair: the form in the transcripts, then the shorter one typed.
 */
export const TITLE_SHORT_FORMS: ReadonlyArray<readonly [string, string]> = [['新闻发言人', '发言人']];

/** The title and its shorter forms (TITLE_SHORT_FORMS). */
export function titleForms(title: string): string[] {
  const out = [title];
  for (const [long, short] of TITLE_SHORT_FORMS) if (title.includes(long)) out.push(title.replace(long, short));
  return out;
}

/**
 * Short forms the transcripts use for a subject, searched with it: a query for
 * 台湾 also finds 对台军售 and 涉台问题. Each group: the word a user types, then
 * the text's own forms. Highlights mark the text's words.
 */
export const DEFAULT_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['台湾', '对台', '涉台', '台海', '台岛', '台独', '两岸'],
  ['美国', '美方', '中美', '美军', '美国政府'],
  ['日本', '日方', '中日', '日本政府'],
  ['俄罗斯', '俄方', '中俄', '俄'],
  ['中国', '中方', '我国'],
  ['欧盟', '欧方', '中欧'],
  ['印度', '印方', '中印'],
  ['韩国', '韩方', '中韩'],
  ['朝鲜', '朝方', '半岛'],
  ['英国', '英方', '中英'],
  ['菲律宾', '菲方', '中菲'],
  ['乌克兰', '乌方', '俄乌'],
  ['以色列', '以方', '巴以'],
  ['巴勒斯坦', '巴方', '巴以'],
  ['芯片', '半导体'],
  ['军售', '售台武器', '对台售武'],
  ['新冠', '新冠肺炎', '新冠病毒', '疫情'],
  ['核污染水', '核污水', '福岛核事故污染水'],
  // Organisations as reporters type them, in Latin letters or short, and as the transcripts write them.
  ['WHO', '世卫', '世界卫生组织'],
  ['世卫组织', '世界卫生组织'],
  ['WTO', '世贸', '世界贸易组织'],
  ['世贸组织', '世界贸易组织'],
  ['NATO', '北约', '北大西洋公约组织'],
  ['北约', '北大西洋公约组织'],
  ['UN', '联合国'],
  ['EU', '欧盟'],
  ['ASEAN', '东盟'],
  ['G20', '二十国集团'],
  ['二十国集团', 'G20'],
  ['G7', '七国集团'],
  ['七国集团', 'G7'],
  ['APEC', '亚太经合组织'],
  ['BRICS', '金砖国家'],
];

export type SynonymTable = ReadonlyMap<string, readonly string[]>;

/**
 * Word → the forms searched for it (itself first), keyed by the word's match form: 台灣 typed in
 * Traditional script finds 台湾's short forms, and a head written in Traditional in synonyms.tsv is
 * found for the Simplified word.
 */
export function synonymTable(groups: ReadonlyArray<readonly string[]>): SynonymTable {
  const table = new Map<string, string[]>();
  for (const [head, ...forms] of groups) {
    if (!head) continue;
    const key = matchForm(head);
    const all = table.get(key) ?? [head];
    for (const f of forms) if (f && !all.includes(f)) all.push(f);
    table.set(key, all);
  }
  return table;
}
