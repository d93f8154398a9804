#!/usr/bin/env node
// huayu's command line: a thin shell over the same functions the server uses.

import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULTS, loadConfig } from '../config.js';
import { CITATION_FORMATS } from '../export/citations.js';
import type { ResultFormat } from '../export/resultFormats.js';
import { isHuayuError } from '../errors.js';
import { indexCommand, parseCommand, quoteCommand, searchCommand, serveCommand, speakersCommand } from './commands.js';

// `huayu search … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/** A whole number in [min, max], or commander's usage error naming the option. */
const wholeNumber = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/u.test(value) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  return n;
};

const program = new Command();
program
  .name('huayu')
  .description('话语 — search, attribute and cite Chinese press-conference transcripts')
  .option('--corpus <dir>', 'corpus folder (default: $HUAYU_CORPUS or ./corpus)')
  .option('--index <dir>', 'index folder (default: $HUAYU_INDEX or ./index)')
  .option('--store <url>', 'keep the index in PostgreSQL, postgres://… (default: $HUAYU_STORE, or the index folder)')
  .showHelpAfterError();

const config = () => {
  const o = program.opts<{ corpus?: string; index?: string; store?: string }>();
  return loadConfig(process.env, {
    ...(o.corpus ? { corpusDir: o.corpus } : {}),
    ...(o.index ? { indexDir: o.index } : {}),
    ...(o.store ? { store: o.store } : {}),
  });
};

program
  .command('index')
  .description('index the corpus: writes what changed since the last run (a new part of the index folder, or rows in PostgreSQL with --store)')
  .option('--full', 'rebuild the index folder into one part (merges the parts updates wrote)')
  .action(async (opts: { full?: boolean }) => indexCommand(config(), { full: opts.full === true }));

program
  .command('search')
  .description('search passages')
  .argument('<query>', 'words, or a "quoted phrase" that must occur verbatim')
  .option('--speaker <name>', 'only passages by this speaker')
  .option('--topic <topic>', 'only passages with this topic')
  .addOption(new Option('--kind <kind>', 'only passages of this kind').choices(['lead', 'statement', 'question', 'answer', 'heading', 'note']))
  .option('--doc <id>', 'only passages of this document')
  .option('--from <date>', 'from this date (YYYY-MM-DD)')
  .option('--to <date>', 'up to this date (YYYY-MM-DD)')
  .option('--limit <n>', 'hits to show', '10')
  .option('--json', 'print the API response as JSON')
  .addOption(
    new Option('--format <format>', 'csv or jsonl: every match as a file on stdout, not only the first hits; csl-json, bibtex or ris: the hits shown, as citations').choices([
      ...(['csv', 'jsonl'] satisfies ResultFormat[]),
      ...CITATION_FORMATS,
    ]),
  )
  .option('--max <n>', `with --format: at most this many rows (default ${DEFAULTS.search.maxExport})`, wholeNumber(1, DEFAULTS.search.maxExportCap))
  .action(async (query: string, opts) => searchCommand(config(), query, opts));

program
  .command('quote')
  .description('check a quote: was it said, in these words, by whom; and how to cite it')
  .argument('<text>', 'the quote as you saw it')
  .option('--json', 'print the API response as JSON')
  .addOption(new Option('--format <format>', 'the matches as citations for a reference manager').choices([...CITATION_FORMATS]))
  .option('--match <n>', 'with --format: only the nth match', wholeNumber(1, 20))
  .action(async (text: string, opts) => quoteCommand(config(), text, opts));

program
  .command('speakers')
  .description('list speakers with their titles and passage counts')
  .option('--json', 'print JSON')
  .action(async (opts) => speakersCommand(config(), opts));

program
  .command('parse')
  .description('parse one transcript file and show its passages')
  .argument('<file>', 'a transcript (.txt, UTF-8)')
  .option('--json', 'print JSON')
  .action(async (file: string, opts) => parseCommand(file, opts));

program
  .command('serve')
  .description('build the index if it is missing or stale, then serve the page and the API')
  .option('--port <port>', 'port (default: $PORT or 3000)')
  .action(async (opts: { port?: string }) => serveCommand(loadConfig(process.env, { ...config(), ...(opts.port ? { port: Number(opts.port) } : {}) })));

program.parseAsync(process.argv).catch((err: unknown) => {
  if (isHuayuError(err)) {
    process.stderr.write(`huayu: ${err.message} [${err.code}]\n`);
    process.exit(2);
  }
  throw err;
});
