// Reported speech in news reports: a paragraph that opens with who speaks
// (张掖市委常委、市政府常务副市长刘力江介绍了…, 廖岷表示，…) or closes a quotation with
// it (“……”廖岷说。). The speaker is a roster entry; a first mention with a
// title adds one, and later bare-name mentions resolve to it.

import { HAN, NAME_SUFFIXES, SPEECH_VERBS } from './conventions.js';
import { findIntroductions, type Roster } from './roster.js';
import { simplified } from './script.js';
import type { RosterEntry } from './types.js';

const VERBS = SPEECH_VERBS.join('|');
const SUFFIXES = NAME_SUFFIXES.join('|');

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** The roster entry a narrative paragraph reports, or null. `at` is the paragraph's offset in the document. */
export function reportedSpeaker(paragraph: string, at: number, roster: Roster): RosterEntry | null {
  const s = simplified(paragraph);
  // A new person, introduced with a title in the first sentence: 财政部副部长廖岷表示… / 发布会上，…副主任赵辰昕介绍…
  const first = /^[^。；;“”]{0,80}/u.exec(paragraph)![0];
  for (const f of findIntroductions(first)) {
    if (f.body || f.start > 30 || !new RegExp(`^(?:${VERBS})`, 'u').test(simplified(f.next))) continue;
    return roster.add({ ...f, role: 'official' }, 'reported', { start: at + f.start, end: at + f.end });
  }
  const patterns = patternsFor(roster);
  if (!patterns) return null;
  const opening = patterns.opening.exec(s);
  if (opening) return roster.find(opening[1]!) ?? null;
  const quoted = patterns.quoted.exec(s);
  if (quoted) return roster.find(quoted[1]!) ?? null;
  return null;
}

// The two patterns over the roster's names, built again only when the roster has grown: a news report asks them of every paragraph.
const built = new WeakMap<Roster, { size: number; opening: RegExp; quoted: RegExp }>();

function patternsFor(roster: Roster): { opening: RegExp; quoted: RegExp } | null {
  const names = roster.entries.filter((e) => e.role === 'official').flatMap((e) => [e.name, ...e.aliases]);
  if (names.length === 0) return null;
  const known = built.get(roster);
  if (known && known.size === names.length) return known;
  const alt = names.map((n) => escape(simplified(n))).join('|');
  const made = {
    size: names.length,
    opening: new RegExp(`^[${HAN}、]{0,30}?(${alt})(?:${SUFFIXES})?(?:${VERBS})`, 'u'),
    quoted: new RegExp(`^“[^”]{2,}”[，,]?[\\u3400-\\u9fff、]{0,20}?(${alt})(?:${SUFFIXES})?(?:${VERBS})`, 'u'),
  };
  built.set(roster, made);
  return made;
}
