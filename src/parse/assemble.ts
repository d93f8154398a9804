// The turn parser's output: turns classified lines into passages and
// pairs questions with the answers that follow them.

import { enumeratedHeading } from './headings.js';
import type { Line } from './lines.js';
import type { Attribution, Exchange, MetaSpan, Passage, PassageKind, Speaker, SpeechMode } from './types.js';

export interface Turn {
  kind: PassageKind;
  speaker: Speaker | null;
  mode: SpeechMode | null;
  attribution: Attribution;
}

export class PassageAssembler {
  readonly passages: Passage[] = [];
  readonly exchanges: Exchange[] = [];
  readonly meta: MetaSpan[] = [];
  private open: number | null = null;

  addMeta(line: Line, field: MetaSpan['field']): void {
    this.meta.push({ field, start: line.start, end: line.end });
  }

  /**
   * Adds one paragraph. `labelled` is false for a continuation paragraph, which
   * stays in the exchange of the paragraph before it.
   */
  add(line: Line, turn: Turn, bodyOffset: number, labelled: boolean, addressee: string | null = null): Passage {
    const n = this.passages.length + 1;
    let exchange: number | null = null;
    if (turn.kind === 'question') {
      if (labelled || this.open === null) {
        this.exchanges.push({
          question: n,
          answers: [],
          answeredBy: null,
          addressee,
          outlet: turn.speaker?.org ?? '',
        });
        this.open = this.exchanges.length - 1;
      }
      exchange = this.open;
    } else if (turn.kind === 'answer' && this.open !== null) {
      const ex = this.exchanges[this.open]!;
      ex.answers.push(n);
      ex.answeredBy ??= turn.speaker?.name ?? null;
      exchange = this.open;
    } else if (turn.kind !== 'note' && turn.kind !== 'heading') {
      // A caption or a heading inside an answer does not end the exchange; a statement does.
      this.open = null;
    }
    const body = line.text.slice(bodyOffset);
    const passage: Passage = {
      n,
      kind: turn.kind,
      speaker: turn.speaker,
      mode: turn.mode,
      span: { start: line.start, end: line.end },
      bodyStart: line.start + bodyOffset,
      heading: turn.kind === 'answer' || turn.kind === 'statement' ? enumeratedHeading(body) : null,
      exchange,
      attribution: turn.attribution,
    };
    this.passages.push(passage);
    return passage;
  }

  get hasOpenExchange(): boolean {
    return this.open !== null;
  }
}
