// The corpus folder's aliases.tsv: names users join into one speaker entry
// beyond what the rules of index/aliasRules.ts join. Not a transcript: only
// .txt and .html files are read as those. A bad line is reported and skipped;
// the other lines still apply, and a bad file never stops the index opening.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { matchForm } from '../analysis/normalize.js';
import { createError, type HuayuError } from '../errors.js';

export const ALIASES_FILE = 'aliases.tsv';

const MAX_NAME = 100;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/u;

export interface AliasFile {
  /** One group a line, the canonical name first. */
  groups: string[][];
  /** ALIASES_LINE_INVALID for each line (or name) skipped, ALIASES_UNREADABLE for a file that cannot be read. */
  warnings: HuayuError[];
}

/**
 * One group a line: the canonical name, then its other spellings, separated by tabs, or by spaces
 * on a line without tabs (so `Wang Wenbin` may be one name between tabs); `#` starts a comment.
 */
export function parseAliases(text: string, file = ALIASES_FILE): AliasFile {
  const groups: string[][] = [];
  const warnings: HuayuError[] = [];
  const lineOf = new Map<string, number>();
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .forEach((raw, i) => {
      const n = i + 1;
      const line = raw.replace(/#.*$/u, '').trim();
      if (!line) return;
      const warn = (detail: string) => warnings.push(createError('ALIASES_LINE_INVALID', file, n, detail));
      if (CONTROL.test(line)) return warn('it holds a control character; line ignored');
      const names = [...new Set(line.split(line.includes('\t') ? /\t/u : /[\s\u3000]+/u).map((s) => s.trim()).filter(Boolean))];
      const long = names.find((s) => [...s].length > MAX_NAME);
      if (long) return warn(`a name is longer than ${MAX_NAME} characters ("${[...long].slice(0, 20).join('')}…"); line ignored`);
      if (names.length < 2) return warn(`only one name ("${names[0]}"): nothing to join it with; line ignored`);
      // A name in two groups would join them silently: the first line keeps it.
      const group = names.filter((s) => {
        const earlier = lineOf.get(matchForm(s));
        if (earlier === undefined || earlier === n) return true;
        warn(`"${s}" is already in the group of line ${earlier}; left out here`);
        return false;
      });
      if (group.length < 2) return;
      for (const s of group) lineOf.set(matchForm(s), n);
      groups.push(group);
    });
  return { groups, warnings };
}

export function readAliasGroups(corpusDir: string): AliasFile {
  const file = path.join(corpusDir, ALIASES_FILE);
  if (!existsSync(file)) return { groups: [], warnings: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    const detail = err instanceof TypeError ? 'not UTF-8 text' : err instanceof Error ? err.message : String(err);
    return { groups: [], warnings: [createError('ALIASES_UNREADABLE', file, detail)] };
  }
  return parseAliases(text, file);
}
