// Citation files over HTTP: which format a request asks for (a `format`
// parameter, or an Accept header naming one), and the download itself.

import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CITATION_FILES, CITATION_FORMATS, cslItem, type CitableSpan, type CitationFormat } from '../export/citations.js';
import type { Engine } from '../index/engine.js';
import { today } from '../quote/citation.js';

export const citationFormat = z.enum(CITATION_FORMATS, { message: `must be one of ${CITATION_FORMATS.join(', ')}` });

const BY_TYPE = new Map(CITATION_FORMATS.map((f) => [CITATION_FILES[f].contentType.split(';')[0]!, f]));

/** The citation format asked for: the parameter, else an Accept header that prefers one over JSON; null for JSON. */
export function requestedCitationFormat(req: Request, param: CitationFormat | undefined): CitationFormat | null {
  if (param) return param;
  const best = req.accepts(['application/json', ...BY_TYPE.keys()]);
  return (best && BY_TYPE.get(best)) || null;
}

/**
 * Content-Disposition for a download: the name as written (RFC 6266 filename*), and for old clients an ASCII
 * name with each run of other characters as one "_" (the default fallback writes "?", which Windows refuses).
 */
export function attachment(res: Response, name: string): void {
  res.setHeader('Content-Disposition', contentDisposition(name, { fallback: name.replace(/[^\x20-\x7e]+/gu, '_') }));
}

/**
 * citation-js, loaded by the first citation file a server sends: importing it took every server ~0.15 s of
 * its start and ~17 MB, where most never write BibTeX or RIS.
 */
const citationJs = () => import('../export/citationJs.js');

/** Sends the spans as a downloaded file. */
export async function sendCitations(res: Response, engine: Engine, spans: CitableSpan[], format: CitationFormat, name: string): Promise<void> {
  const accessed = today();
  const { formatCitations } = await citationJs();
  const body = formatCitations(
    spans.map((s) => cslItem(engine, s, accessed)),
    format,
  );
  attachment(res, name);
  res.type(CITATION_FILES[format].contentType);
  res.send(body);
}
