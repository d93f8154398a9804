// citation-js is the only module that turns CSL-JSON into BibTeX and RIS;
// everything else hands it CSL items.

import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { format as writeBibtexEntries } from '@citation-js/plugin-bibtex/lib/output/bibtex.js';
import type { CitationFormat, CslItem } from './citations.js';

// By default the BibTeX writer keeps ASCII only and drops every Chinese character: 汪文斌 would leave an empty
// author. BibTeX files are UTF-8 for biber and every reference manager; LaTeX's special characters are escaped below.
plugins.config.get('@bibtex').format.asciiOnly = false;

const LATEX_SPECIAL = /[\\{}%&$#_^~]/gu;
const LATEX_ESCAPE: Record<string, string> = { '\\': '\\textbackslash{}', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' };

/** What the ASCII-only writer would have escaped: 增长5% must not start a LaTeX comment. */
function latex(s: string): string {
  return s.replace(LATEX_SPECIAL, (c) => LATEX_ESCAPE[c] ?? `\\${c}`);
}

type BibtexEntry = { type: string; label: string; properties: Record<string, string> };

function isoDate(d: CslItem['accessed']): string {
  return d['date-parts'][0]!.map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('-');
}

/**
 * `@misc` entries: citation-js maps the CSL fields, and the fields classic BibTeX has no CSL source for are
 * added to its entries before its own writer formats them: howpublished (what the source is and who
 * published it), urldate (the day of citing). The key is the item's id, which stays ASCII when the
 * document id is (citation-js would make one of the author and title, Chinese characters and all).
 */
export function toBibtex(items: readonly CslItem[]): string {
  const escaped = items.map((item) => ({
    ...item,
    title: latex(item.title),
    note: latex(item.note),
    ...(item.publisher ? { publisher: latex(item.publisher) } : {}),
    event: latex(item.event),
    genre: latex(item.genre),
    ...(item.author ? { author: item.author.map((a) => ({ literal: latex(a.literal) })) } : {}),
  }));
  const entries = plugins.output.format('bibtex', escaped, { format: 'object' }) as BibtexEntry[];
  entries.forEach((entry, i) => {
    const item = items[i]!;
    entry.type = 'misc';
    entry.label = item.id.replace(/[^\w:.-]/gu, '_');
    entry.properties.howpublished = latex(item.publisher ? `${item.genre}，${item.publisher}` : item.genre);
    entry.properties.urldate = isoDate(item.accessed);
    // The CSL genre became BibTeX's `type`, which a @misc does not have; it lives on in howpublished.
    delete entry.properties.type;
  });
  return writeBibtexEntries(entries, plugins.dict.get('text'));
}

type RisRecord = Record<string, string | number | Array<string | number>>;

/**
 * RIS records: `TY  - SOUND` for a speech (RIS has no type closer to spoken words), `TY  - GEN` for anything
 * else. citation-js maps the fields; its writer is not used because it breaks every value after 70
 * characters, and readers join the pieces with a space (a permalink came back with four spaces in it).
 * A line break inside a value cannot be written in RIS at all: it becomes a space.
 */
export function toRis(items: readonly CslItem[]): string {
  const records = plugins.output.format('ris', items, { format: 'object' }) as RisRecord[];
  const line = (tag: string, value: string | number) => `${tag}  - ${String(value).replace(/\r?\n/gu, ' ')}`;
  return records
    // ID is cut to 20 characters by the mapping (zhangye-2024-01-15:4 for …:4024-4052): an identifier that names
    // the wrong span is worse than none, and reference managers do not import it.
    .map(({ TY, ID: _cut, ...fields }) => {
      const lines = [line('TY', TY as string)];
      for (const [tag, value] of Object.entries(fields)) for (const v of ([] as Array<string | number>).concat(value)) lines.push(line(tag, v));
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

/** The items as a file of `format`. */
export function formatCitations(items: readonly CslItem[], format: CitationFormat): string {
  if (format === 'bibtex') return toBibtex(items);
  if (format === 'ris') return toRis(items);
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** The CSL items a BibTeX or RIS file holds, as citation-js reads them (what a reference manager would import). */
export function parseCitations(text: string): Array<Record<string, unknown>> {
  return new Cite(text).data;
}
