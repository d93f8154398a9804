// Export links: a checked quote or a result list as a file, downloaded from
// the API with the name the server gives it (the download attribute).

import { h } from './dom.js';

/** The server's DEFAULTS.search.maxExportCap. */
const MAX_EXPORT_CAP = 1_000_000;

const CITATION_FORMATS: Array<[string, string]> = [
  ['csl-json', 'CSL-JSON'],
  ['bibtex', 'BibTeX'],
  ['ris', 'RIS'],
];

function links(label: string, base: string, params: URLSearchParams, formats: Array<[string, string]>, title: string): HTMLElement {
  return h(
    'p',
    { class: 'export' },
    h('span', { class: 'export-label' }, label),
    formats.map(([format, name]) => {
      const p = new URLSearchParams(params);
      p.set('format', format);
      return h('a', { class: `export-link export-${format}`, href: `${base}?${p}`, download: '', title: `${title}（${name}）` }, name);
    }),
  );
}

/** One match of a quote check, as a citation file for a reference manager (Zotero, EndNote, BibTeX). */
export function quoteExport(text: string, match: number): HTMLElement {
  return links('导出引文', '/api/quote', new URLSearchParams({ text, match: String(match) }), CITATION_FORMATS, '下载这条引文');
}

/** The page's hits as citations, and every match as a table (CSV opens in a spreadsheet, JSONL in a notebook). */
export function resultsExport(params: Record<string, string | number | undefined>, total: number): HTMLElement {
  const page = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') page.set(k, String(v));
  const all = new URLSearchParams(page);
  all.delete('limit');
  all.delete('offset');
  // Every match, as the link says: the server stops at 10,000 rows unless asked for more (up to its cap).
  all.set('max', String(Math.min(Math.max(total, 1), MAX_EXPORT_CAP)));
  return h(
    'div',
    { class: 'exports' },
    links('导出本页引文', '/api/search', page, CITATION_FORMATS, '下载本页结果的引文'),
    links(total > MAX_EXPORT_CAP ? `导出前 ${MAX_EXPORT_CAP} 段` : `导出全部 ${total} 段`, '/api/search', all, [['csv', 'CSV'], ['jsonl', 'JSONL']], '下载全部结果'),
  );
}
