// Entry of an intake worker thread (bundled as dist/intake-worker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { serveIntake } from './records/parallel-intake.ts';
import type { WorkerSetup } from './records/parallel-intake.ts';

if (parentPort) serveIntake(parentPort, workerData as WorkerSetup);
