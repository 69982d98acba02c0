// Entry of an intake worker thread (bundled as dist/intake-worker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { serveIntake } from './intake/parallel-intake.ts';
import type { WorkerSetup } from './intake/parallel-intake.ts';

if (parentPort) serveIntake(parentPort, workerData as WorkerSetup);
