import type { Logger } from '@mlops/logger';
import { CronSchedule } from './cron-schedule.js';
import { scheduleRequestOf, type ScheduleDocument, type ScheduleRepository } from './schedule.repository.js';
import type { TickDocument, TickRepository } from './tick.repository.js';

/** The tick key of a cron occurrence: the same on every replica, so only one insert of it succeeds. */
export function tickKey(scheduleId: string, occurrence: Date): string {
  return `${scheduleId}@${occurrence.toISOString()}`;
}

/** A new running tick of a schedule. */
export function newTick(
  schedule: ScheduleDocument,
  id: string,
  trigger: TickDocument['trigger'],
  scheduledFor: Date,
): TickDocument {
  return {
    _id: id,
    scheduleId: schedule._id,
    modelName: schedule.modelName,
    trigger,
    scheduledFor,
    state: 'running',
    stage: 'freeze',
    createdAt: new Date(),
  };
}

/**
 * Claims the tick due now of every active schedule: the latest cron occurrence after its last
 * tick (occurrences missed while no replica ran collapse into this one). While a tick of the
 * schedule still runs, the occurrence waits (and collapses likewise). The claim is the insert of
 * the tick under its unique key, so when several replicas scan at once exactly one gets each tick.
 * Returns the ticks this caller claimed.
 */
export async function claimDueTicks(
  deps: { schedules: ScheduleRepository; ticks: TickRepository; logger: Logger },
  now = new Date(),
): Promise<TickDocument[]> {
  const claimed: TickDocument[] = [];
  for (const schedule of await deps.schedules.active()) {
    const request = scheduleRequestOf(schedule);
    const due = CronSchedule.parse(request.cron, request.timezone).due(schedule.lastTickAt ?? schedule.createdAt, now);
    if (!due || (await deps.ticks.hasRunning(schedule._id))) continue;
    const tick = newTick(schedule, tickKey(schedule._id, due), 'cron', due);
    if (await deps.ticks.claim(tick)) {
      claimed.push(tick);
      deps.logger.info(
        { scheduleId: schedule._id, tickId: tick._id, model: schedule.modelName },
        'retraining tick claimed',
      );
    }
    await deps.schedules.advanceLastTick(schedule._id, due);
  }
  return claimed;
}

/** The next occurrence of an active schedule after its last tick (or now), for the API view. */
export function nextTickOf(schedule: ScheduleDocument, now = new Date()): Date | undefined {
  if (schedule.status !== 'active') return undefined;
  const request = scheduleRequestOf(schedule);
  const from = schedule.lastTickAt && schedule.lastTickAt > now ? schedule.lastTickAt : now;
  return CronSchedule.parse(request.cron, request.timezone).next(from);
}
