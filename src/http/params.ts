// Validation at the edge: query parameters are checked against a zod schema
// that also gives the handler its types. A repeated parameter is refused by
// name before the schema sees it; unknown parameters are ignored.

import type { Request } from 'express';
import { z } from 'zod';
import { createError } from '../errors.js';

export function queryParams<S extends z.ZodObject>(req: Request, schema: S): z.infer<S> {
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw createError('PARAM_REPEATED', key);
    known[key] = value;
  }
  return checked(schema, known);
}

/** Path parameters (/api/topics/:name), already decoded by Express, against the same kind of schema. */
export function pathParams<S extends z.ZodObject>(req: Request, schema: S): z.infer<S> {
  return checked(schema, { ...req.params });
}

function checked<S extends z.ZodObject>(schema: S, known: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw createError('PARAM_INVALID', String(issue.path[0] ?? '?'), issue.message);
  }
  return parsed.data;
}

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/u, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/u, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');

/** A name in a path: a speaker, a topic. */
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const params = { integer, isoDate, name };
