// A throwaway PostgreSQL cluster for the store tests and the benchmark: initdb and pg_ctl in a
// temporary folder, on a free port, as an unprivileged user (initdb refuses
// root), removed afterwards. Where no server can be started the tests that
// need it skip with the reason.

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './net.js';

export interface Cluster {
  url: string;
  /** The postmaster's process id: its children are the backends, whose CPU the bench counts. */
  pid: number;
  stop(): void;
  /** A hot standby fed by streaming replication from this cluster (pg_basebackup -R), or why it could not start. */
  startReplica(): Promise<Cluster | string>;
}

type Run = (cmd: string, args: string[]) => Buffer;

/** Where the PostgreSQL server binaries are, or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(root, v, 'bin/initdb'))) return path.join(root, v, 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(found) : null;
}

/** Starts a cluster, or returns why it could not. */
export async function startCluster(): Promise<Cluster | string> {
  const bin = postgresBinDir();
  if (!bin) return 'no PostgreSQL server binaries (initdb); .ci/run installs Debian\'s postgresql';
  const runner = ownedFolder(bin);
  if (typeof runner === 'string') return runner;
  const { dir, run } = runner;
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'huayu', '-E', 'UTF8', '--locale=C', '--no-sync']);
    start(run, dir, port);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `could not start a PostgreSQL cluster: ${reason(err)}`;
  }
  return cluster(await createDatabase(`postgres://huayu@127.0.0.1:${port}/postgres`, 'huayu_test'), bin, run, dir, port);
}

/** A temporary folder and a way to run the server's binaries in it: as the "postgres" user when this process is root (initdb refuses root). */
function ownedFolder(bin: string): { dir: string; run: Run } | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-pg-'));
  if (process.getuid?.() !== 0) return { dir, run: (cmd, args) => execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' }) };
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!uid) return 'running as root and there is no "postgres" user to run initdb as';
  chownSync(dir, uid, gid);
  return { dir, run: (cmd, args) => execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' }) };
}

/**
 * Shared buffers of 512 MB hold the 100 MB corpus's database (486 MB), as a server sized for its data
 * would: with the default 128 MB, the bodies a query ranks were read through the kernel, and fetching 400
 * took 35 ms where the machine's page cache had let them go, 2.5 ms from the buffers. Allocated as used.
 */
function start(run: Run, dir: string, port: number): void {
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=512MB`;
  run('pg_ctl', ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-w', '-o', settings, 'start']);
}

function reason(err: unknown): string {
  return (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
}

function cluster(url: string, bin: string, run: Run, dir: string, port: number): Cluster {
  return {
    url,
    // postmaster.pid's first line, written before pg_ctl -w returns.
    pid: Number(readFileSync(path.join(dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      try {
        run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async startReplica() {
      const runner = ownedFolder(bin);
      if (typeof runner === 'string') return runner;
      const replicaPort = await freePort();
      try {
        // initdb's pg_hba.conf lets replication connections in from 127.0.0.1 (trust); -R writes standby.signal and primary_conninfo.
        runner.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(port), '-U', 'huayu', '-D', path.join(runner.dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
        start(runner.run, runner.dir, replicaPort);
      } catch (err) {
        rmSync(runner.dir, { recursive: true, force: true });
        return `could not start a replica: ${reason(err)}`;
      }
      return cluster(url.replace(/:\d+\//u, `:${replicaPort}/`), bin, runner.run, runner.dir, replicaPort);
    },
  };
}

/** A new, empty database on the server of `url`; returns its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return url.replace(/\/[^/]*$/u, `/${name}`);
}
