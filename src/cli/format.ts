import type { Passage, TranscriptDocument } from '../parse/types.js';
import type { SearchHit } from '../search/search.js';

function decodeEntities(s: string): string {
  return s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&amp;/gu, '&');
}

/** A highlight for a terminal: reverse video on a TTY, 【brackets】 in a pipe. */
export function terminalHighlight(html: string, tty: boolean): string {
  const [open, close] = tty ? ['\u001b[7m', '\u001b[27m'] : ['【', '】'];
  return decodeEntities(html.replace(/<mark>/gu, open).replace(/<\/mark>/gu, close));
}

export function formatHit(h: SearchHit, rank: number, tty: boolean): string {
  const who = h.speaker ? `${h.speaker.name}${h.speaker.org || h.speaker.title ? `（${h.speaker.org}${h.speaker.title}）` : ''}` : '—';
  const head = `[${rank}] ${who} · ${h.kind}${h.mode === 'reported' ? '（转述）' : ''} · ${h.doc.date ?? ''} ${h.doc.title} · ${h.id}`;
  return `${head}\n    ${terminalHighlight(h.highlight, tty)}`;
}

export function formatPassageLine(doc: TranscriptDocument, p: Passage): string {
  const who = p.speaker ? `${p.speaker.name}/${p.speaker.role}${p.mode === 'reported' ? '/reported' : ''}` : '-';
  const text = doc.text.slice(p.span.start, p.span.end);
  return `p${p.n}\t${p.kind}\t${who}\t${text.length > 50 ? text.slice(0, 50) + '…' : text}`;
}
