// The names downloads are saved under: what they hold and the day,
// huayu-<words and filters>-<YYYY-MM-DD>.<csv|jsonl|bib…>, e.g. huayu-台湾-2026-12-01.csv,
// or huayu-quote-<speaker>-<date>.bib for a quote's citations.

import type { SearchRequest } from '../search/search.js';

/** Code points of the query and filters kept in a name. */
const LABEL_MAX = 60;

/** The parts as one name: what file systems and headers refuse, one underscore a run; white space a hyphen. */
export function fileLabel(parts: Array<string | null | undefined>): string {
  const clean = parts
    .filter((p): p is string => !!p?.trim())
    .join(' ')
    // Control and invisible format characters, quotes, slashes and what file systems refuse: one underscore a run.
    .replace(/[\p{Cc}\p{Cf}"'`/\\:*?<>|#%;]+/gu, '_')
    .trim()
    .replace(/[\p{Z}\s]+/gu, '-')
    .replace(/^[._-]+|[._-]+$/gu, '');
  return [...clean].slice(0, LABEL_MAX).join('');
}

/** The words, then each filter's value; 'results' when nothing is left of them. */
export function exportFileName(req: SearchRequest, extension: string, date: string): string {
  const label = fileLabel([req.q, req.speaker, req.topic, req.kind, req.doc, req.from && `from ${req.from}`, req.to && `to ${req.to}`]);
  return `huayu-${label || 'results'}-${date}.${extension}`;
}
