import type { Passage, RosterEntry, TranscriptDocument } from '../parse/types.js';
import type { SearchHit } from '../search/search.js';
import type { QuoteResponse } from '../quote/quote.js';
import { chineseDate } from '../quote/citation.js';

function decodeEntities(s: string): string {
  return s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&amp;/gu, '&');
}

/** A highlight for a terminal: reverse video on a TTY, 【brackets】 in a pipe. */
export function terminalHighlight(html: string, tty: boolean): string {
  const [open, close] = tty ? ['\u001b[7m', '\u001b[27m'] : ['【', '】'];
  return decodeEntities(html.replace(/<mark>/gu, open).replace(/<\/mark>/gu, close));
}

/** The title after its date, unless it states the date itself (2022年3月15日外交部发言人…, 2022-09-01 數位部長…). */
function datedTitle(doc: { date: string | null; title: string }): string {
  if (!doc.date) return doc.title;
  return doc.title.includes(doc.date) || doc.title.includes(chineseDate(doc.date)) ? doc.title : `${doc.date} ${doc.title}`;
}

export function formatHit(h: SearchHit, rank: number, tty: boolean): string {
  // What the name does not say already, as the page shows it: 商务部新闻发言人, not 商务部新闻发言人（商务部新闻发言人）.
  const about = h.speaker ? [h.speaker.org, h.speaker.title].filter((x) => x && !h.speaker!.name.includes(x)).join('') : '';
  const who = h.speaker ? `${h.speaker.name}${about ? `（${about}）` : ''}` : '—';
  const head = `[${rank}] ${who} · ${h.kind}${h.mode === 'reported' ? '（转述）' : ''} · ${datedTitle(h.doc)} · ${h.id}`;
  return `${head}\n    ${terminalHighlight(h.highlight, tty)}`;
}

export function formatPassageLine(doc: TranscriptDocument, p: Passage): string {
  const s = p.speaker;
  const who = s ? `${s.name}${s.title || s.org ? `（${[s.org, s.title].filter(Boolean).join(' ')}）` : ''}/${s.role}${p.mode === 'reported' ? '/reported' : ''}` : '-';
  const text = doc.text.slice(p.span.start, p.span.end);
  return `p${p.n}\t${p.kind}\t${who}\t${p.attribution}\t${text.length > 40 ? text.slice(0, 40) + '…' : text}`;
}

/** The roster: who the document names, as what, and where each was found. */
export function formatRosterLine(doc: TranscriptDocument, e: RosterEntry): string {
  // Offsets in code points, as the API gives them.
  const where = e.found.map((f) => `${f.in}@${Array.from(doc.text.slice(0, f.start)).length}`).join(' ');
  const about = [e.org, e.title].filter(Boolean).join(' ');
  const aliases = e.aliases.length ? ` aka ${e.aliases.join('、')}` : '';
  return `  ${e.role}: ${e.name}${about ? `（${about}）` : ''}${aliases}  found: ${where}`;
}

/** A quote check for a terminal: verdict, then each source span with its diff and citation. */
export function formatQuote(res: QuoteResponse, tty: boolean): string {
  const verdict = res.found ? (res.exact ? '找到，逐字相同 (found, exact)' : '找到，标点或字形不同 (found, not byte for byte)') : '未找到 (not found)';
  const lines = [verdict];
  if (!res.found && res.matches.length) lines.push('最接近的原文 (nearest source spans):');
  const [del, ins, end] = tty ? ['\u001b[9;31m', '\u001b[4;32m', '\u001b[0m'] : ['[-', '[+', ''];
  const close = (op: string) => (tty ? end : op === 'delete' ? '-]' : '+]');
  res.matches.forEach((m, i) => {
    const who = m.speaker ? `${m.speaker.name}${m.mode === 'reported' ? '（转述）' : ''}` : '—';
    lines.push(`[${i + 1}] ${who} · ${datedTitle(m.doc)} · similarity ${m.similarity}`);
    const shown = m.diff.map((r) => (r.op === 'equal' ? r.text : `${r.op === 'delete' ? del : ins}${r.text}${close(r.op)}`)).join('');
    lines.push(`    ${shown}`);
    lines.push(`    ${m.citation.text}`);
    lines.push(`    ${m.citation.gbt7714}`);
  });
  return lines.join('\n');
}
