import type { TaskHandler } from '@mlops/runtime';
import type { NlpConfig } from '../config.js';
import { loadLanguageDetector } from '../language/language-detector.js';
import { runNlpTask, type NlpTask } from './nlp-task.js';

/** @public Loaded by the worker host (libs/runtime) from its URL. The nlp worker: loads the language detector once, then computes each request's answer. */
export async function createTaskHandler(data: unknown): Promise<TaskHandler> {
  const detector = await loadLanguageDetector((data as Pick<NlpConfig, 'language'>).language);
  return (payload) => Promise.resolve(runNlpTask(payload as NlpTask, detector));
}
