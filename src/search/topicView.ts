// One topic: how many passages and documents carry it, who speaks about it,
// how often it came up over time (stacked by its main speakers), and a page of
// its passages, newest document first.
//
// Counted in typed arrays by speaker number and period number: a common topic
// of a 260,000-passage archive holds tens of thousands of passages, and the
// work per request stays a few passes over those, never one per period.

import { createError } from '../errors.js';
import { passagesAt, spansOf, type Engine } from '../index/engine.js';
import { presentPassage, type PublicPassage } from './present.js';

export interface TopicSpeaker {
  name: string;
  count: number;
  /** count / the topic's passages (those without a speaker included), 4 decimals. */
  share: number;
}

export interface TopicPeriod {
  /** YYYY-MM, "undated", or a document id when the granularity is "document". */
  key: string;
  /** YYYY-MM for a month, the document's date for a document; null when undated. */
  date: string | null;
  /** The document's title at granularity "document", else null. */
  title: string | null;
  count: number;
  /** One entry per name of timeline.series, in that order, zeros included. */
  speakers: Array<{ name: string; count: number }>;
  /** Passages of other speakers and of none: count minus the series. */
  others: number;
}

export interface TopicView {
  name: string;
  /** Passages carrying the topic. */
  count: number;
  documents: number;
  /** Distinct named speakers, and passages with no speaker. */
  speakerCount: number;
  unattributed: number;
  speakers: TopicSpeaker[];
  timeline: {
    /** Months from the first to the last (empty ones included), or documents when they all fall in one month. */
    granularity: 'month' | 'document';
    /** The speakers drawn apart, biggest first; the rest are summed as "others". */
    series: string[];
    periods: TopicPeriod[];
  };
  offset: number;
  limit: number;
  /** Newest document first, document order within one. */
  passages: PublicPassage[];
}

export interface TopicViewOptions {
  limit: number;
  offset: number;
  /** How many speakers to list (default 10) and to draw apart in the timeline (default 5). */
  speakers?: number;
  series?: number;
}

const UNDATED = 'undated';

/** The ids of the `size` largest counts, ties by name (UTF-16 order, as the search facets). */
function topIds(counts: Uint32Array, names: readonly string[], touched: readonly number[], size: number): number[] {
  return [...touched]
    .sort((a, b) => counts[b]! - counts[a]! || (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0))
    .slice(0, size);
}

/** The topic's passages in gid order: one pass over the topic table, which is typed arrays. */
function passagesOf(engine: Engine, topic: number): Uint32Array {
  const { topicStart, topicIds } = engine.facetTables;
  const out = new Uint32Array(topicStart.length - 1);
  let found = 0;
  for (let g = 0; g + 1 < topicStart.length; g++) {
    for (let k = topicStart[g]!; k < topicStart[g + 1]!; k++) {
      if (topicIds[k] === topic) {
        out[found++] = g;
        break;
      }
    }
  }
  return out.subarray(0, found);
}

function monthNumber(dateCode: number): number {
  const yyyymm = Math.floor(dateCode / 100);
  return Math.floor(yyyymm / 100) * 12 + (yyyymm % 100) - 1;
}

function monthKey(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** A document's passages of the topic: gids[from .. to). A document's passages have consecutive gids. */
interface Run {
  doc: number;
  from: number;
  to: number;
}

export async function topicView(engine: Engine, name: string, options: TopicViewOptions): Promise<TopicView> {
  const { speakerOf, speakerNames, topicNames } = engine.facetTables;
  const topic = engine.topics.has(name) ? topicNames.indexOf(name) : -1;
  if (topic < 0) throw createError('TOPIC_NOT_FOUND', name);
  const gids = passagesOf(engine, topic);
  const count = gids.length;

  // Pass 1: speakers, documents, the first and last dated month.
  const speakerCounts = new Uint32Array(speakerNames.length);
  const touched: number[] = [];
  const runs: Run[] = [];
  let unattributed = 0;
  let undated = 0;
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (let i = 0; i < count; i++) {
    const g = gids[i]!;
    const s = speakerOf[g]!;
    if (s < 0) unattributed++;
    else if (speakerCounts[s]!++ === 0) touched.push(s);
    const doc = engine.docOf[g]!;
    const run = runs[runs.length - 1];
    if (run?.doc === doc) run.to = i + 1;
    else runs.push({ doc, from: i, to: i + 1 });
    const code = engine.dateCode[g]!;
    if (code === 0) undated++;
    else {
      const m = monthNumber(code);
      if (m < firstMonth) firstMonth = m;
      if (m > lastMonth) lastMonth = m;
    }
  }

  const listed = topIds(speakerCounts, speakerNames, touched, options.speakers ?? 10);
  const series = listed.slice(0, options.series ?? 5);
  const seriesSlot = new Int32Array(speakerNames.length).fill(-1);
  series.forEach((s, i) => (seriesSlot[s] = i));

  // Periods: every month from the first dated one to the last (then the undated), or the documents, oldest first.
  const byDocument = !(lastMonth > firstMonth);
  const periods: TopicPeriod[] = [];
  const docSlot = new Map<number, number>();
  if (byDocument) {
    for (const run of [...runs].sort(byDate(engine, false))) {
      docSlot.set(run.doc, periods.length);
      const doc = engine.docs[run.doc]!;
      periods.push(period(doc.id, doc.date, doc.title));
    }
  } else {
    for (let m = firstMonth; m <= lastMonth; m++) periods.push(period(monthKey(m), monthKey(m), null));
    if (undated) periods.push(period(UNDATED, null, null));
  }

  // Pass 2: each passage into its period and series; the last slot of a period is "others".
  const width = series.length + 1;
  const cells = new Uint32Array(periods.length * width);
  for (let i = 0; i < count; i++) {
    const g = gids[i]!;
    const code = engine.dateCode[g]!;
    const at = byDocument ? docSlot.get(engine.docOf[g]!)! : code === 0 ? periods.length - 1 : monthNumber(code) - firstMonth;
    const s = speakerOf[g]!;
    cells[at * width + (s >= 0 && seriesSlot[s]! >= 0 ? seriesSlot[s]! : series.length)]!++;
  }
  periods.forEach((p, i) => {
    p.speakers = series.map((s, j) => ({ name: speakerNames[s]!, count: cells[i * width + j]! }));
    p.others = cells[i * width + series.length]!;
    p.count = p.speakers.reduce((n, x) => n + x.count, p.others);
  });

  // Newest document first for reading, undated last.
  const newestFirst = [...runs].sort(byDate(engine, true));
  const shown = await passagesAt(engine, pageOf(gids, newestFirst, options));
  const texts = await engine.texts.fetchSpans(spansOf(shown));
  return {
    name,
    count,
    documents: runs.length,
    speakerCount: touched.length,
    unattributed,
    speakers: listed.map((s) => ({ name: speakerNames[s]!, count: speakerCounts[s]!, share: Math.round((speakerCounts[s]! / count) * 10_000) / 10_000 })),
    timeline: { granularity: byDocument ? 'document' : 'month', series: series.map((s) => speakerNames[s]!), periods },
    offset: options.offset,
    limit: options.limit,
    passages: shown.map((p) => presentPassage(engine, texts, p)),
  };
}

function period(key: string, date: string | null, title: string | null): TopicPeriod {
  return { key, date, title, count: 0, speakers: [], others: 0 };
}

/** Documents by date, oldest or newest first, then by id; undated ones last either way. */
function byDate(engine: Engine, newest: boolean): (a: Run, b: Run) => number {
  return (a, b) => {
    const da = engine.docs[a.doc]!;
    const db = engine.docs[b.doc]!;
    const dated = (da.date ? 0 : 1) - (db.date ? 0 : 1);
    const date = dated || !da.date || !db.date ? dated : newest ? db.date.localeCompare(da.date) : da.date.localeCompare(db.date);
    return date || da.id.localeCompare(db.id);
  };
}

/** The gids of one page, walking whole documents in the given order. */
function pageOf(gids: Uint32Array, runs: Run[], { limit, offset }: TopicViewOptions): number[] {
  const out: number[] = [];
  let skip = offset;
  for (const { from, to } of runs) {
    if (out.length >= limit) break;
    if (skip >= to - from) {
      skip -= to - from;
      continue;
    }
    for (let i = from + skip; i < to && out.length < limit; i++) out.push(gids[i]!);
    skip = 0;
  }
  return out;
}
