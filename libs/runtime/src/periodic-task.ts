import type { Logger } from '@mlops/logger';

/**
 * Runs `task` every `intervalMs`, never two runs at once, logging (not throwing) a failed run;
 * the timer does not keep the process alive. Returns a function that stops it.
 */
export function startPeriodicTask(
  name: string,
  task: () => Promise<void>,
  intervalMs: number,
  logger: Logger,
): () => void {
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      logger.warn({ err: error, task: name }, 'periodic task failed; the next run retries');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
