import { randomUUID } from 'node:crypto';
import type { StudyCreate } from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import {
  applyOverrides,
  assertPointersExist,
  randomSampler,
  trainingOptionsSchema,
  UnknownConfigFieldError,
} from '@mlops/ml';
import { studyErrors } from './study-errors.js';
import type { StudyDocument, StudyRepository } from './study.repository.js';

/** Random draws checked at creation: each must give a config the trainer accepts. */
const PROBE_DRAWS = 8;

/**
 * Validates a study beyond its schema and stores it `running` (the driver starts its trials):
 * the base config must parse (400 under `/body/base/config`), every pointer must name a field of
 * the resolved base config (400 at `/body/space/<i>/pointer`), and a few random draws of the
 * space must give configs the trainer accepts (400 at `/body/space`). The stored base config is
 * the resolved one (defaults applied), frozen for the study's life.
 */
export async function createStudy(studies: StudyRepository, body: StudyCreate): Promise<StudyDocument> {
  const config = JSON.parse(
    JSON.stringify(parseOrThrow(trainingOptionsSchema, body.base.config, '/body/base/config')),
  ) as Record<string, unknown>;
  try {
    assertPointersExist(body.space, config);
  } catch (error) {
    if (!(error instanceof UnknownConfigFieldError)) throw error;
    throw studyErrors.invalid(error.message, [
      { pointer: `/body/space/${error.parameterIndex}/pointer`, message: error.message },
    ]);
  }
  for (let draw = 0; draw < PROBE_DRAWS; draw++) {
    const params = randomSampler({
      space: body.space,
      seed: body.seed,
      direction: body.objective.direction,
      history: [],
      trialNumber: draw,
    });
    const result = trainingOptionsSchema.safeParse(applyOverrides(config, body.space, params));
    if (!result.success) {
      const message = `the values ${JSON.stringify(params)} give an invalid config: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      throw studyErrors.invalid(message, [{ pointer: '/body/space', message }]);
    }
  }
  const now = new Date();
  const request: StudyCreate = { ...body, base: { ...body.base, config } };
  const doc: StudyDocument = {
    _id: randomUUID(),
    ...(body.name === undefined ? {} : { name: body.name }),
    modelName: body.base.modelName,
    status: 'running',
    requestJson: JSON.stringify(request),
    trials: [],
    revision: 0,
    ...(body.budget.minutes === undefined
      ? {}
      : { deadlineAt: new Date(now.getTime() + body.budget.minutes * 60_000) }),
    createdAt: now,
    updatedAt: now,
  };
  await studies.insert(doc);
  return doc;
}
