// Child process: the measured HTTP load, away from the bench's own heap. In the bench's process, which
// still holds the engine it timed and the queries, autocannon spent 1.5–1.9 ms of CPU a request against
// two PostgreSQL servers; the same calls from a process of their own, 0.50–0.83. On two cores that CPU
// is taken from the servers being measured.
// Reads from its input the JSON of { urls, paths, connections (in all, split between the urls), seconds }.
// Prints { load, cpuMs }: the loads combined, and the CPU this process spent on them.

import { readFileSync } from 'node:fs';
import { combined, httpLoad } from '../server.js';

const { urls, paths, connections, seconds } = JSON.parse(readFileSync(0, 'utf8')) as { urls: string[]; paths: string[]; connections: number; seconds: number };
const before = process.cpuUsage();
const load = combined(await Promise.all(urls.map((url) => httpLoad(url, paths, Math.floor(connections / urls.length), seconds))));
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ load, cpuMs: (used.user + used.system) / 1000 }) + '\n');
