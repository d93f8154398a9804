// A change to the corpus as a small write: the transcripts added or changed
// since the manifest are analyzed into a new part, and the documents they
// replace (or whose files are gone) are listed as removed; nothing already
// indexed is read or analyzed again. As with Lucene's segments, the parts are
// merged later: the later parts into one once there are MERGE_AT of them
// (merge.ts, nothing analyzed again), everything by a rebuild ("huayu index
// --full").
//
// What the new part does not change: the older parts were segmented without
// the names the new transcripts introduce (a rebuild would teach jieba those
// first). Their passages are still found by those names through the bigram
// lists, which every phrase and name query reads.

import type { Segmenter } from '../../analysis/segmenter.js';
import type { DecodeLimits } from '../../ingest/decode.js';
import { corpusFingerprint } from '../../ingest/identity.js';
import { isAsRecorded, isRefused, readSource, type CorpusEntry, type RefusedFile, type SourceFile } from '../../ingest/readCorpus.js';
import type { BuildOptions } from '../analyzeCorpus.js';
import type { Manifest, ManifestFile } from '../engine.js';
import { buildPart } from './build.js';
import { withIndexLock } from './lock.js';
import { MERGE_AT, mergeParts } from './merge.js';
import { readPart, writePart, type Part } from './part.js';
import { readUsableManifest, removedByPart, writeManifest, type StoredManifest } from './store.js';

interface UpdatePlan {
  /** Files added or changed, read: indexed into the new part (or refused). */
  read: Array<SourceFile | RefusedFile>;
  /** Corpus paths whose indexed documents leave the index: changed or deleted files. */
  gone: string[];
  /** The corpus as the manifest will record it, in the corpus's order. */
  files: ManifestFile[];
  refused: Manifest['refused'];
  unchanged: number;
  /** False when nothing at all differs from the manifest (not even a modification time). */
  differs: boolean;
}

/** Compares the corpus with the manifest; reads only files whose size or modification time changed. */
export function planUpdate(manifest: StoredManifest, corpus: CorpusEntry[], limits?: DecodeLimits): UpdatePlan {
  const recorded = new Map(manifest.files.map((f) => [f.path, f]));
  const refusedBefore = new Map(manifest.refused.map((r) => [r.path, r]));
  const plan: UpdatePlan = { read: [], gone: [], files: [], refused: [], unchanged: 0, differs: corpus.length !== manifest.files.length };
  const keep = (r: ManifestFile) => {
    plan.files.push(r);
    plan.unchanged++;
    const refused = refusedBefore.get(r.path);
    if (refused) plan.refused.push(refused);
  };
  for (const e of corpus) {
    const r = recorded.get(e.path);
    if (r && isAsRecorded(e, r, refusedBefore.get(e.path)?.code, limits)) {
      keep(r);
      continue;
    }
    plan.differs = true;
    const f = readSource(e, undefined, limits);
    // Touched but the same bytes, refused (for the same reason) or not as before: only its time is recorded anew.
    if (r && r.sha256 === f.sha256 && (isRefused(f) ? f.error.code : undefined) === refusedBefore.get(e.path)?.code) {
      keep({ ...r, mtimeMs: e.mtimeMs });
      continue;
    }
    if (r && !refusedBefore.has(r.path)) plan.gone.push(r.path);
    plan.read.push(f);
    plan.files.push({ path: f.path, sha256: f.sha256, bytes: f.bytes, mtimeMs: f.mtimeMs, id: f.id });
    if (isRefused(f)) plan.refused.push({ path: f.path, ...f.error });
  }
  const present = new Set(corpus.map((e) => e.path));
  for (const f of manifest.files) {
    if (present.has(f.path)) continue;
    plan.differs = true;
    if (!refusedBefore.has(f.path)) plan.gone.push(f.path);
  }
  return plan;
}

export interface UpdateResult {
  manifest: StoredManifest;
  /** The part written (the new one, or the merge of the later parts), as it is in memory: a running server composes it without reading it back; null when none was written. */
  part: { generation: string; part: Part } | null;
  documents: Array<{ path: string; format: string; passages: number; warnings: string[] }>;
  /** Documents this update removed (changed files count here and in documents), and files it left as they were. */
  removed: number;
  unchanged: number;
}

/**
 * Writes the plan as a new part and a new manifest. `analyzer`: a running
 * server's segmenter, its dictionaries loaded (the update then takes well
 * under a second); without it the build's own threads segment.
 */
async function writeUpdate(
  dir: string,
  manifest: StoredManifest,
  plan: UpdatePlan,
  options: BuildOptions & { analyzer?: Segmenter | undefined; known?: ReadonlyMap<string, Part> | undefined } = {},
): Promise<UpdateResult> {
  const where = new Map<string, [number, number]>();
  const removedBefore = removedByPart(manifest);
  manifest.parts.forEach((rec, k) => rec.documents.forEach((p, d) => removedBefore[k]!.has(d) || where.set(p, [k, d])));
  let removed = [...manifest.removed];
  for (const p of plan.gone) {
    const at = where.get(p);
    if (at) removed.push(at);
  }
  // Counted now: a merge below drops the later parts' entries from the list.
  const removedNow = removed.length - manifest.removed.length;
  const parts = [...manifest.parts];
  let written: { generation: string; part: Part } | null = null;
  let userWords = manifest.userWords;
  const docs = plan.read.filter((f) => !isRefused(f));
  const report: UpdateResult['documents'] = [];
  if (docs.length) {
    // Without a running server's segmenter, on a thread of its own: its ~240 MB of dictionaries go when it closes,
    // rather than staying in this process (a cluster's primary, which only forks and watches afterwards).
    const built = await buildPart(docs, { ...options, threads: options.analyzer ? undefined : (options.threads ?? 1), knownWords: manifest.userWords });
    if (!options.analyzer) await built.segmenter.close();
    const record = await writePart(dir, built.part);
    parts.push(record);
    written = { generation: record.generation, part: built.part };
    userWords = built.userWords;
    for (const d of built.part.docs) report.push({ path: d.path, format: d.format, passages: d.passages.length, warnings: d.warnings });
  }
  if (parts.length - 1 >= MERGE_AT) {
    // The parts after the first, merged into one (read from disk where the caller does not hold them).
    const later = parts.slice(1);
    const inMemory = new Map(options.known);
    if (written) inMemory.set(written.generation, written.part);
    const held: Part[] = [];
    for (const rec of later) held.push(inMemory.get(rec.generation) ?? (await readPart(dir, rec)));
    const merged = mergeParts(held, removedByPart({ parts, removed }).slice(1));
    const record = await writePart(dir, merged);
    parts.splice(1, parts.length - 1, record);
    removed = removed.filter(([k]) => k === 0);
    written = { generation: record.generation, part: merged };
  }
  const gone = removedByPart({ parts, removed });
  let documents = 0;
  let passages = 0;
  parts.forEach((rec, k) =>
    rec.counts.forEach((n, d) => {
      if (gone[k]!.has(d)) return;
      documents++;
      passages += n;
    }),
  );
  const next: StoredManifest = {
    ...manifest,
    corpusFingerprint: corpusFingerprint(plan.files),
    builtAt: new Date().toISOString(),
    documents,
    passages,
    files: plan.files,
    refused: plan.refused,
    userWords,
    parts,
    removed,
  };
  writeManifest(dir, next);
  return { manifest: next, part: written, documents: report, removed: removedNow, unchanged: plan.unchanged };
}

/**
 * Under the index's lock: the manifest as it is now, compared with the corpus,
 * and the update written if anything differs (nothing is written otherwise:
 * another writer may have written the same change meanwhile).
 */
export function updateUnderLock(
  dir: string,
  corpus: CorpusEntry[],
  options: Parameters<typeof writeUpdate>[3] & { limits?: DecodeLimits | undefined },
): Promise<UpdateResult> {
  return withIndexLock(dir, async () => {
    const now = readUsableManifest(dir);
    const plan = planUpdate(now, corpus, options.limits);
    if (!plan.differs) return { manifest: now, part: null, documents: [], removed: 0, unchanged: plan.unchanged };
    return writeUpdate(dir, now, plan, options);
  });
}
