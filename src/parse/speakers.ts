// Who a label names: a label's reading resolved against the document's
// roster (bare names to the titles the document gives them, 答 to the
// answerer, 追问 to the reporter who asked before, an English name to the
// Chinese one it spells), noting each label's place in the roster.

import type { LabelReading } from './labels.js';
import type { Roster } from './roster.js';
import type { RosterEntry, Span, Speaker } from './types.js';

export interface Cast {
  roster: Roster;
  /** Who 答 is: named by the title, subtitle or lead. */
  answerer: RosterEntry | null;
  /** Who presides (the title's 发言人汪文斌主持…): unlabelled paragraphs before the first turn are theirs. */
  presiding: RosterEntry | null;
  /** The one official a document without labels is the statement of (…负责人就…进行解读). */
  soleSpeaker: RosterEntry | null;
  narrator: Speaker | null;
  /** The outlet of an anonymous asker (记者：, 问：): from a byline, dateline, 本报记者 or an interview's paper. */
  askerOutlet: string;
  /** Offsets of narrative lines that introduce the answerer in the third person (…负责人对《指引》进行了解读): narration, not their words. */
  introductions: ReadonlySet<number>;
}

const QUESTION = /[？?]|请问|請問|想问|想問|想请教|想請教/u;

/** Words that ask: a question mark, 请问, 想问. */
export function asks(words: string): boolean {
  return QUESTION.test(words);
}

export function asSpeaker(e: RosterEntry): Speaker {
  return { name: e.name, title: e.title, org: e.org, role: e.role };
}

export class SpeakerResolver {
  /** The outlet a line such as 张掖市融媒体中心记者现场提问 announced for the next 记者：. */
  pendingOutlet: string | null = null;
  /** Who 追问 continues. */
  lastQuestioner: Speaker | null = null;

  constructor(private readonly cast: Cast) {}

  /** The speaker a label names (null for an 答 no title or lead explains); `body` is the words it introduces. */
  resolve(reading: LabelReading, body: string, found: Span): Speaker | null {
    const { roster } = this.cast;
    switch (reading.type) {
      case 'asker': {
        if (reading.followUp) return this.lastQuestioner ?? { name: reading.name, title: reading.title, org: '', role: 'reporter' };
        const outlet = this.pendingOutlet ?? (reading.title && !reading.org ? this.cast.askerOutlet : '');
        this.pendingOutlet = null;
        const title = reading.title || '记者';
        const s: Speaker = outlet && !reading.org ? { name: `${outlet}${title}`, title, org: outlet, role: 'reporter' } : { name: reading.name, title: reading.title, org: reading.org, role: 'reporter' };
        roster.add({ ...s, designation: '' }, 'label', found);
        return s;
      }
      case 'answer':
        return this.cast.answerer ? asSpeaker(this.cast.answerer) : null;
      case 'host':
        return asSpeaker(roster.add({ name: reading.name, title: reading.title, org: '', designation: '', role: 'host' }, 'label', found));
      case 'person': {
        const titleOnly = reading.name === reading.title;
        const known = roster.find(reading.name) ?? (reading.latin ? roster.byPinyin(reading.name) : undefined) ?? (titleOnly ? roster.holding(reading.title) : undefined);
        if (known && (reading.latin || titleOnly)) roster.alias(known, reading.name);
        return asSpeaker(roster.add(known ?? { ...reading, role: 'official' }, 'label', found));
      }
      case 'outlet':
        return asSpeaker(roster.add({ name: reading.name, title: '', org: reading.org, designation: '', role: 'reporter' }, 'label', found));
      case 'unknown': {
        // A label the conventions do not know (an asker's role word, an outlet's short name): a reporter when its
        // words ask, else someone on the podium. Nothing says it names an outlet, so no outlet is invented.
        const known = roster.find(reading.name);
        if (known) return asSpeaker(roster.add(known, 'label', found));
        const reporter = asks(body);
        return asSpeaker(roster.add({ name: reading.name, title: '', org: '', designation: '', role: reporter ? 'reporter' : 'official' }, 'label', found));
      }
    }
  }
}
