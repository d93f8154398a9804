// One entry per outlet and per person, however the transcripts spell them:
// the rules of aliasRules.ts and the groups of the corpus folder's
// aliases.tsv, applied to the speaker labels when the engine is created.
// Passages keep their labels as written (the text, its offsets and the
// index's tags are untouched); this only says which labels are one entry.

import { matchForm } from '../analysis/normalize.js';
import type { Exchange, Speaker } from '../parse/types.js';
import { ALIAS_RULES, type AliasRules } from './aliasRules.js';
import type { PassageTable } from './engine.js';

/** How a name came to a group; what may name the group follows from it (see rank). */
const Rank = {
  UserFirst: 0,
  RuleFirst: 1,
  Written: 2,
  /** A prefix rule's remainder: the name without what the rule drops (国广 of 总台国广). */
  Derived: 3,
  Member: 4,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface Candidate {
  name: string;
  rank: Rank;
  written: boolean;
  derived: boolean;
  order: number;
}

/**
 * Best first: a group's first name; a name both written and what a rule leaves of another (共同社 of
 * 日本共同社); a name written (总台国广 rather than 国广, which no transcript writes); a rule's remainder.
 */
function rank(c: Candidate): number {
  if (c.rank <= Rank.RuleFirst) return c.rank;
  if (c.written) return c.derived ? 2 : 3;
  return c.derived ? 4 : 5;
}

export interface Joined {
  /** Any spelling (compared as matchForm: script, width, case and marks aside) → its group's canonical name. */
  canonicalOf(spelling: string): string | undefined;
  /** Canonical name → every spelling of the group, the canonical first. */
  spellings: Map<string, string[]>;
}

/** Spellings as a union-find over their match forms, each group named by its best candidate. */
class Groups {
  private parent = new Map<string, string>();
  private best = new Map<string, Candidate>();
  private names = new Map<string, string[]>();
  private order = 0;

  add(name: string, rank: Rank): string {
    const form = matchForm(name);
    if (!form) return form;
    if (!this.parent.has(form)) this.parent.set(form, form);
    const seen = this.best.get(form);
    const c: Candidate = seen ?? { name, rank, written: false, derived: false, order: this.order++ };
    if (rank < c.rank) Object.assign(c, { name, rank });
    c.written ||= rank === Rank.Written;
    c.derived ||= rank === Rank.Derived;
    this.best.set(form, c);
    const names = this.names.get(form) ?? [];
    if (!names.includes(name)) this.names.set(form, [...names, name]);
    return form;
  }

  forms(): Set<string> {
    return new Set(this.parent.keys());
  }

  find(form: string): string {
    let f = form;
    while (this.parent.get(f) !== f) {
      const up = this.parent.get(this.parent.get(f)!)!;
      this.parent.set(f, up);
      f = up;
    }
    return f;
  }

  union(a: string, b: string): void {
    if (!a || !b) return;
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  joined(): Joined {
    const better = (a: Candidate, b: Candidate) => rank(a) - rank(b) || [...a.name].length - [...b.name].length || a.order - b.order;
    const top = new Map<string, Candidate>();
    const members = new Map<string, string[]>();
    for (const form of this.parent.keys()) {
      const root = this.find(form);
      const c = this.best.get(form)!;
      const t = top.get(root);
      if (!t || better(c, t) < 0) top.set(root, c);
      members.set(root, [...(members.get(root) ?? []), ...this.names.get(form)!]);
    }
    const spellings = new Map<string, string[]>();
    for (const [root, c] of top) spellings.set(c.name, [c.name, ...new Set(members.get(root)!.filter((n) => n !== c.name))]);
    return {
      canonicalOf: (s) => {
        const form = matchForm(s);
        return this.parent.has(form) ? top.get(this.find(form))!.name : undefined;
      },
      spellings,
    };
  }
}

const longestFirst = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);

/**
 * Joins the spellings of names: the groups (users' first, then the rules'; `also` joins without
 * naming), the same name in either script, and with `rules` the outlet rules: marks, the China Media
 * Group prefixes, and a country before an outlet known elsewhere.
 */
export function joinSpellings(
  written: Iterable<string>,
  userGroups: ReadonlyArray<readonly string[]>,
  rules: AliasRules | null,
  also: ReadonlyArray<readonly string[]> = [],
): Joined {
  const g = new Groups();
  const clean = (s: string) => (rules ? s.replace(rules.marks, '') : s).trim();
  const groups: Array<[Rank, ReadonlyArray<readonly string[]>]> = [
    [Rank.UserFirst, userGroups],
    [Rank.RuleFirst, rules?.groups ?? []],
    [Rank.Member, also],
  ];
  for (const [rank, list] of groups) {
    for (const group of list) {
      const forms = group.map((n, i) => g.add(clean(n), i === 0 ? rank : Rank.Member));
      for (const f of forms) g.union(forms[0]!, f);
    }
  }
  const always = longestFirst(rules?.alwaysDrop ?? []);
  const ends: string[] = [];
  for (const s of written) {
    let name = clean(s);
    let form = g.add(name, Rank.Written);
    for (;;) {
      const p = always.find((w) => name.startsWith(w) && name.length > w.length);
      if (!p) break;
      name = name.slice(p.length);
      const next = g.add(name, Rank.Derived);
      g.union(next, form);
      form = next;
    }
    ends.push(name);
  }
  // Known: what the corpus writes (with the prefixes above dropped) and what the groups name.
  const known = g.forms();
  const prefixes = longestFirst(rules?.dropWhenKnown ?? []);
  for (let name of ends) {
    for (;;) {
      const p = prefixes.find((w) => name.startsWith(w) && name.length > w.length && known.has(matchForm(name.slice(w.length))));
      if (!p) break;
      const rest = name.slice(p.length);
      g.union(g.add(rest, Rank.Derived), matchForm(name));
      name = rest;
    }
  }
  return g.joined();
}

export interface SpeakerAliases {
  /** A label as written → the name of its entry. */
  entryOf: Map<string, string>;
  /** Entry name → the labels of its passages as written, the entry's name first. */
  labels: Map<string, string[]>;
  /** Entry name → every way to ask for it: its labels, its outlet's spellings, the names of its aliases.tsv group. */
  spellings: Map<string, string[]>;
  /** matchForm of any of those spellings → entry name. */
  byForm: Map<string, string>;
  /** An outlet as written (a reporter's org, an exchange's outlet) → the outlet's canonical name. */
  outletOf: Map<string, string>;
  /** Canonical outlet → its names (not its reporters' labels), the canonical first: 共同社, 日本共同社. */
  outletSpellings: Map<string, string[]>;
  /** Entry name → its outlet's canonical name, for the entries that are an outlet's reporters. */
  outletOfEntry: Map<string, string>;
}

/** A reporter's label that names an outlet (路透社记者, 《中国日报》记者, 中新社) is the outlet's; a named reporter stays a person. */
function outletLabel(s: Speaker): boolean {
  return s.role === 'reporter' && s.org !== '' && matchForm(s.name).includes(matchForm(s.org));
}

export function speakerAliases(
  documents: number,
  exchangesOf: (doc: number) => readonly Exchange[],
  passages: PassageTable,
  userGroups: ReadonlyArray<readonly string[]> = [],
  rules: AliasRules = ALIAS_RULES,
): SpeakerAliases {
  const count = new Map<string, number>();
  const orgOfLabel = new Map<string, string>();
  const outletsWritten = new Set<string>();
  for (const p of passages) {
    const s = p.speaker;
    if (!s) continue;
    if (!count.has(s.name) && outletLabel(s)) orgOfLabel.set(s.name, s.org);
    count.set(s.name, (count.get(s.name) ?? 0) + 1);
    if (s.role === 'reporter' && s.org) outletsWritten.add(s.org);
  }
  for (let d = 0; d < documents; d++) for (const x of exchangesOf(d)) if (x.outlet) outletsWritten.add(x.outlet);
  // An outlet's labels join its group too, so an aliases.tsv line may name labels (共同社记者) as well as outlets.
  const labelOf = [...orgOfLabel].map(([label, org]) => [org, label]);
  const outlets = joinSpellings(outletsWritten, userGroups, rules, labelOf);
  const people = joinSpellings([...count.keys()].filter((l) => !orgOfLabel.has(l)), userGroups, null);

  const firsts = new Set(userGroups.map((g) => g[0]));
  // Labels by entry, in the order their first passages come.
  const byKey = new Map<string, { labels: string[]; canonical: string; outlet: boolean }>();
  for (const label of count.keys()) {
    const org = orgOfLabel.get(label);
    const canonical = (org === undefined ? people.canonicalOf(label) : outlets.canonicalOf(org)) ?? org ?? label;
    const key = `${org === undefined ? 'p' : 'o'}\u0000${canonical}`;
    const e = byKey.get(key) ?? byKey.set(key, { labels: [], canonical, outlet: org !== undefined }).get(key)!;
    e.labels.push(label);
  }
  const out: SpeakerAliases = {
    entryOf: new Map(),
    labels: new Map(),
    spellings: new Map(),
    byForm: new Map(),
    outletOf: new Map(),
    outletSpellings: new Map(),
    outletOfEntry: new Map(),
  };
  for (const { labels, canonical, outlet } of byKey.values()) {
    // A person's entry is named by the first name of its aliases.tsv line when the transcripts write it; otherwise by the label written most.
    const most = labels.reduce((a, b) => (count.get(b)! > count.get(a)! ? b : a));
    const name = !outlet && firsts.has(canonical) && labels.includes(canonical) ? canonical : most;
    const ordered = [name, ...labels.filter((l) => l !== name)];
    for (const l of labels) out.entryOf.set(l, name);
    out.labels.set(name, ordered);
    const group = (outlet ? outlets : people).spellings.get(canonical) ?? [];
    out.spellings.set(name, [...new Set([...ordered, ...group])]);
    if (outlet) out.outletOfEntry.set(name, canonical);
  }
  // Labels first: a label always opens its own entry, whatever a group elsewhere says.
  for (const [name, labels] of out.labels) for (const l of labels) out.byForm.set(matchForm(l), name);
  for (const [name, spellings] of out.spellings) for (const s of spellings) if (!out.byForm.has(matchForm(s))) out.byForm.set(matchForm(s), name);
  for (const w of outletsWritten) out.outletOf.set(w, outlets.canonicalOf(w) ?? w);
  for (const [canonical, names] of outlets.spellings) {
    const own = names.filter((n) => !orgOfLabel.has(n) || n === orgOfLabel.get(n));
    if (out.outletOf.has(canonical) || own.some((n) => out.outletOf.has(n))) out.outletSpellings.set(canonical, own);
  }
  return out;
}
