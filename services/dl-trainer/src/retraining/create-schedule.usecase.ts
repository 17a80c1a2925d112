import { randomUUID } from 'node:crypto';
import type { ScheduleCreate } from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import { trainingOptionsSchema } from '@mlops/ml';
import { CronSchedule } from './cron-schedule.js';
import { retrainingErrors } from './retraining-errors.js';
import type { ScheduleDocument, ScheduleRepository } from './schedule.repository.js';

/**
 * Validates a schedule beyond its schema and stores it `active`: the cron expression must parse
 * in its time zone (400 at `/body/cron`), and the training config must be one the trainer accepts
 * (400 under `/body/training/.../config`). Its first tick is the first occurrence after now.
 */
export async function createSchedule(
  schedules: ScheduleRepository,
  body: ScheduleCreate,
  createdBy: string,
): Promise<ScheduleDocument> {
  try {
    CronSchedule.parse(body.cron, body.timezone);
  } catch (error) {
    const message = `not a cron expression croner reads in ${body.timezone}: ${(error as Error).message}`;
    throw retrainingErrors.invalid(message, [{ pointer: '/body/cron', message }]);
  }
  if (body.training.kind === 'job')
    parseOrThrow(trainingOptionsSchema, body.training.request.config, '/body/training/request/config');
  else parseOrThrow(trainingOptionsSchema, body.training.study.base.config, '/body/training/study/base/config');
  const now = new Date();
  const doc: ScheduleDocument = {
    _id: randomUUID(),
    modelName: body.modelName,
    status: 'active',
    requestJson: JSON.stringify(body),
    createdBy,
    createdAt: now,
    updatedAt: now,
    lastTickAt: now,
  };
  await schedules.insert(doc);
  return doc;
}
