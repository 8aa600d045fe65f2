import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** Names this process in leases and run logs: host, pid and a random suffix (pids repeat across restarts). */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
