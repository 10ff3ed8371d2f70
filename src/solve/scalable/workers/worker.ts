/**
 * The entry of a worker thread of the dual side (see `team.ts`): builds its
 * replica from the first message (the round), says `ready`, then answers
 * each job. Any error is reported as `failed` (the main thread then solves
 * that job's counties itself), after which the thread takes no more jobs.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';
import { Replica } from './replica.js';

const port = parentPort;
if (port) {
  const say = (m: FromWorker): void => port.postMessage(m);
  const failure = (error: unknown): FromWorker => ({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  let replica: Replica | undefined;
  let failed = false;
  port.on('message', (m: ToWorker) => {
    if (failed) return;
    try {
      if (m.type === 'init') {
        replica = new Replica(m.round);
        say({ type: 'ready' });
      } else if (replica) say(replica.run(m));
    } catch (error) {
      failed = true;
      replica = undefined;
      say(failure(error));
    }
  });
}
