// A deterministic benchmark corpus of a chosen size, in the two real formats
// (the city briefing of corpus/ and the Foreign Ministry transcripts), made by
// recombining real paragraphs and sentences. Each generated file copies the
// structure of one real template file: its title and date lines, its short
// lines (section headings, "记者问答", editor notes), and the head of every
// paragraph (the speaker label "华春莹：" / "记者:", or the first sentence,
// which carries narrative attribution such as "刘力江介绍了…"). The rest of each
// paragraph is filled with sentences drawn from other files of the same
// format, so speaker labels and the roster parse exactly as in real files.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pick, random } from './random.js';

export interface Template {
  format: 'city' | 'mfa';
  name: string;
  lines: string[];
}

export interface GeneratedCorpus {
  dir: string;
  files: number;
  bytes: number;
  templates: number;
}

const SHORT_LINE = 60;
const LABEL = /^([\s\u3000]*[^：:。，,！？\s]{1,30}[：:])/u;
const SENTENCE = /[^。！？!?]*[。！？!?]+[”’」』）)]*/gu;

function listTxt(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTxt(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

/** Real transcripts to recombine: corpus/ (city format) and the real Foreign Ministry files where present. */
export function loadTemplates(roots: string[]): Template[] {
  const templates: Template[] = [];
  for (const root of roots) {
    try {
      if (!statSync(root).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const file of listTxt(root)) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
      const lines = text.split(/\r?\n/u);
      const format = /外交部/u.test(lines[0] ?? '') ? 'mfa' : 'city';
      templates.push({ format, name: path.basename(path.dirname(file)) + '-' + path.basename(file, '.txt'), lines });
    }
  }
  return templates;
}

function sentencesOf(line: string): string[] {
  return line.trim().match(SENTENCE) ?? [];
}

/** The part of a paragraph kept from its template: its speaker label, else its first sentence. */
function headOf(line: string): string {
  const label = LABEL.exec(line);
  if (label) return label[1]!;
  const lead = /^[\s\u3000]*/u.exec(line)![0];
  return lead + (sentencesOf(line)[0] ?? line.trim());
}

function formatDate(day: number): { cn: string; iso: string } {
  const d = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return { cn: `${y}年${m}月${dd}日`, iso: `${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}` };
}

export function generateCorpus(templates: Template[], targetBytes: number, outDir: string, seed = 20240115): GeneratedCorpus {
  const rand = random(seed);
  const byFormat = { city: templates.filter((t) => t.format === 'city'), mfa: templates.filter((t) => t.format === 'mfa') };
  const pools = {
    city: byFormat.city.flatMap((t) => t.lines.filter((l) => l.length >= SHORT_LINE).flatMap(sentencesOf)),
    mfa: byFormat.mfa.flatMap((t) => t.lines.filter((l) => l.length >= SHORT_LINE).flatMap(sentencesOf)),
  };
  mkdirSync(path.join(outDir, 'city'), { recursive: true });
  mkdirSync(path.join(outDir, 'mfa'), { recursive: true });
  let bytes = 0;
  let n = 0;
  while (bytes < targetBytes) {
    // One file in five is in the city format, though corpus/ holds only one such template.
    const format = byFormat.city.length && (rand() < 0.2 || !byFormat.mfa.length) ? 'city' : 'mfa';
    const template = pick(rand, byFormat[format]);
    const date = formatDate(Math.floor(n * 0.75));
    const lines = template.lines.map((line, i) => {
      if (i < 2) return line.replace(/\d{4}年\d{1,2}月\d{1,2}日/gu, date.cn).replace(/\d{4}-\d{2}-\d{2}/gu, date.iso);
      if (line.length < SHORT_LINE) return line;
      const head = headOf(line);
      const want = Math.max(1, sentencesOf(line.slice(head.length)).length);
      let body = head;
      for (let k = 0; k < want; k++) body += pick(rand, pools[format]).trim();
      return body;
    });
    const text = lines.join('\n');
    const name =
      format === 'city'
        ? `city/${template.name.replace(/\d{4}-\d{2}-\d{2}$/u, '')}${date.iso}-${String(n).padStart(5, '0')}.txt`
        : `mfa/${date.iso}-${String(n).padStart(5, '0')}.txt`;
    writeFileSync(path.join(outDir, name), text);
    bytes += Buffer.byteLength(text);
    n++;
  }
  return { dir: outDir, files: n, bytes, templates: templates.length };
}
