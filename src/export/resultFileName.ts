// The name a result set is saved under: what was searched and the day,
// huayu-<words and filters>-<YYYY-MM-DD>.<csv|jsonl>, e.g. huayu-台湾-2026-12-01.csv.

import type { SearchRequest } from '../search/search.js';

/** Code points of the query and filters kept in a name. */
const LABEL_MAX = 60;

/** The words, then each filter's value; 'results' when nothing is left of them. */
function label(req: SearchRequest): string {
  const parts = [req.q, req.speaker, req.topic, req.kind, req.doc, req.from && `from ${req.from}`, req.to && `to ${req.to}`];
  const clean = parts
    .filter((p): p is string => !!p?.trim())
    .join(' ')
    // Control and invisible format characters, quotes, slashes and what file systems refuse: one underscore a run.
    .replace(/[\p{Cc}\p{Cf}"'`/\\:*?<>|#%;]+/gu, '_')
    .trim()
    .replace(/[\p{Z}\s]+/gu, '-')
    .replace(/^[._-]+|[._-]+$/gu, '');
  return [...clean].slice(0, LABEL_MAX).join('') || 'results';
}

export function exportFileName(req: SearchRequest, extension: string, date: string): string {
  return `huayu-${label(req)}-${date}.${extension}`;
}
