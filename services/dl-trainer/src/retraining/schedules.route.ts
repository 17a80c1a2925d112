import { retrainingRoutes } from '@mlops/contracts';
import { callerOf, positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { randomUUID } from 'node:crypto';
import { createSchedule } from './create-schedule.usecase.js';
import { retrainingErrors } from './retraining-errors.js';
import { toSchedule, type ScheduleDocument, type ScheduleRepository } from './schedule.repository.js';
import { newTick, nextTickOf } from './scheduler.js';
import { toTick, type TickRepository } from './tick.repository.js';

const routes = retrainingRoutes.schedules;

function view(doc: ScheduleDocument) {
  return toSchedule(doc, nextTickOf(doc));
}

/** `/v1/schedules`: create, list, show, pause, resume, run now and delete retraining schedules; their ticks. */
export function registerScheduleRoutes(
  app: HttpApp,
  deps: { schedules: ScheduleRepository; ticks: TickRepository; logger: Logger; wake: () => void },
): void {
  const found = async (id: string): Promise<ScheduleDocument> => {
    const doc = await deps.schedules.findById(id);
    if (!doc) throw retrainingErrors.notFound(`no schedule ${id}`);
    return doc;
  };

  registerRoute(app, routes.create, async (request, reply) => {
    const doc = await createSchedule(deps.schedules, request.body, callerOf(request).owner);
    request.log.info({ scheduleId: doc._id, model: doc.modelName }, 'retraining schedule created');
    return reply.code(201).header('location', `/v1/schedules/${doc._id}`).send(view(doc));
  });

  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor } = request.query;
    const docs = await deps.schedules.list(limit + 1, positionAfter(cursor));
    return toPage(docs, limit, view, (doc) => ({ createdAt: doc.createdAt, id: doc._id }));
  });

  registerRoute(app, routes.get, async (request) => view(await found(request.params.id)));

  registerRoute(app, routes.ticks, async (request) => {
    await found(request.params.id);
    const { limit, cursor } = request.query;
    const docs = await deps.ticks.listOf(request.params.id, limit + 1, positionAfter(cursor));
    return toPage(docs, limit, toTick, (doc) => ({ createdAt: doc.createdAt, id: doc._id }));
  });

  for (const [route, status] of [
    [routes.pause, 'paused'],
    [routes.resume, 'active'],
  ] as const) {
    registerRoute(app, route, async (request) => {
      const doc = await deps.schedules.setStatus(request.params.id, status);
      if (!doc) throw retrainingErrors.notFound(`no schedule ${request.params.id}`);
      request.log.info(
        { scheduleId: doc._id, status, by: callerOf(request).owner, reason: request.body.reason },
        `retraining schedule ${status}`,
      );
      return view(doc);
    });
  }

  registerRoute(app, routes.runNow, async (request, reply) => {
    const doc = await found(request.params.id);
    const now = new Date();
    const tick = newTick(doc, `${doc._id}@manual:${randomUUID()}`, 'manual', now);
    await deps.ticks.claim(tick);
    request.log.info(
      { scheduleId: doc._id, tickId: tick._id, by: callerOf(request).owner },
      'retraining tick asked for',
    );
    deps.wake();
    return reply.code(202).send(toTick(tick));
  });

  registerRoute(app, routes.remove, async (request) => {
    const doc = await deps.schedules.remove(request.params.id);
    if (!doc) throw retrainingErrors.notFound(`no schedule ${request.params.id}`);
    request.log.info({ scheduleId: doc._id, by: callerOf(request).owner }, 'retraining schedule deleted');
    return toSchedule({ ...doc, status: 'paused' }, undefined);
  });
}
