// A document's fields read from the JSON it was stored as (its UTF-8), when
// one of them is first asked for. A server on PostgreSQL made the catalog's 8,675
// documents at 100 MB into objects at every start (their parse and the
// collections of them, ~0.2 s of CPU before its first answer), where a
// response reads the few it shows. Its id and date are held from the start:
// the engine's tables read every document's (createEngine). As
// columnPassage.ts does for passages, the fields are getters, and none is
// ever written.

import type { EngineDocument } from './engine.js';

const DECODER = new TextDecoder();

export class JsonDocument implements EngineDocument {
  private parsed: EngineDocument | undefined;

  constructor(
    private readonly json: Uint8Array,
    readonly id: string,
    readonly date: string | null,
  ) {}

  private get fields(): EngineDocument {
    return (this.parsed ??= JSON.parse(DECODER.decode(this.json)) as EngineDocument);
  }

  get format(): EngineDocument['format'] {
    return this.fields.format;
  }
  get title(): string {
    return this.fields.title;
  }
  get event(): string {
    return this.fields.event;
  }
  get source(): string {
    return this.fields.source;
  }
  get reporter(): string | null {
    return this.fields.reporter;
  }
  get editor(): string | null {
    return this.fields.editor;
  }
  get participants(): EngineDocument['participants'] {
    return this.fields.participants;
  }
  get warnings(): string[] {
    return this.fields.warnings;
  }
  get path(): string {
    return this.fields.path;
  }
  get sha256(): string {
    return this.fields.sha256;
  }
  get encoding(): EngineDocument['encoding'] {
    return this.fields.encoding;
  }

  /** Its fields as stored, so that JSON.stringify writes the document rather than this object. */
  toJSON(): EngineDocument {
    return this.fields;
  }
}
