// A small corpus of one outlet and two officials written several ways, for
// the alias tests: 《甘肃日报》/甘肃日报/甘肅日報 (marks, script), 日本共同社/
// 共同社 (a country before an outlet), Kyodo (joined only by aliases.tsv),
// 张晓东/張曉東 (script) and 张小东 (only aliases.tsv), and 王小明, 副厅长
// in 2021 and 厅长 from 2023.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesFrom } from '../helpers/corpora.js';

export const TRANSCRIPTS: Record<string, string> = {
  'a.txt': '甘肃省商务厅新闻发布会\n2021-06-01\n\n发布人：甘肃省商务厅副厅长王小明\n王小明：大家好。\n《甘肃日报》记者：请问今年消费情况如何？\n王小明：消费稳中有进。\n',
  'b.txt': '甘肃省商务厅新闻发布会\n2023-09-01\n\n发布人：甘肃省商务厅厅长王小明\n王小明：大家好。\n甘肃日报记者：请问下半年消费有何举措？\n王小明：消费持续回暖。\n日本共同社记者：请问外资企业消费品进口情况？\n王小明：进口增长较快。\n',
  'c.txt': '甘肅省商務廳新聞發布會\n2024-01-10\n\n發布人：甘肅省商務廳廳長張曉東\n張曉東：大家好。\n甘肅日報記者：請問春節消費市場如何？\n張曉東：消費市場繁榮。\n',
  'd.txt': '甘肃省商务厅新闻发布会\n2024-03-10\n\n发布人：甘肃省商务厅厅长张晓东\n张晓东：大家好。\n共同社记者：请问日资企业消费品销售如何？\n张晓东：销售平稳。\nKyodo记者：请问消费券还会发放吗？\n张晓东：会继续发放。\n',
  'e.txt': '甘肃省商务厅新闻发布会\n2024-05-20\n\n发布人：甘肃省商务厅厅长张小东\n张小东：大家好。\n《甘肃日报》记者：请问五一消费数据如何？\n张小东：消费增长明显。\n',
};

/** The three spellings of the newspaper as its reporters' labels are written, and of Kyodo News without aliases.tsv. */
export const GANSU_LABELS = ['《甘肃日报》记者', '甘肃日报记者', '甘肅日報記者'];
export const KYODO_LABELS = ['日本共同社记者', '共同社记者'];

/** A corpus folder (with aliases.tsv when given) in the system's temp dir; `remove` deletes it. */
export function aliasCorpus(aliasesTsv?: string): { dir: string; corpus: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-aliases-'));
  const corpus = path.join(dir, 'corpus');
  mkdirSync(corpus);
  for (const [name, text] of Object.entries(TRANSCRIPTS)) writeFileSync(path.join(corpus, name), text);
  if (aliasesTsv !== undefined) writeFileSync(path.join(corpus, 'aliases.tsv'), aliasesTsv);
  return { dir, corpus, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The corpus as files to build from, without touching disk afterwards. */
export function aliasFiles() {
  const c = aliasCorpus();
  try {
    return filesFrom({ '': c.corpus });
  } finally {
    c.remove();
  }
}
