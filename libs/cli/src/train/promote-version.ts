import { UpstreamError } from '@mlops/clients';
import type { CommandContext } from '../core/context.js';
import { decidePromotion, type PromotionDecision } from './promotion-decision.js';
import type { PromotionPolicy } from './train-file.js';

const macroF1Of = (metrics: Record<string, unknown>): number | undefined =>
  typeof metrics.macroF1 === 'number' ? metrics.macroF1 : undefined;

/** The decision, and the alias move when it promoted. */
export interface PromotionOutcome extends PromotionDecision {
  readonly alias: string;
  readonly previousVersion: number | null;
}

/** Compares the version with the one holding the alias, and moves the alias when the policy says so. */
export async function promoteByPolicy(
  context: CommandContext,
  policy: PromotionPolicy,
  model: string,
  version: number,
  who: string,
): Promise<PromotionOutcome> {
  const { registry } = context.clients;
  const candidate = await registry.versions.get({ params: { name: model, version } });
  let current;
  try {
    const resolved = await registry.aliases.resolve({ params: { name: model, alias: policy.alias } });
    current = { version: resolved.version, macroF1: macroF1Of(resolved.modelVersion.metrics) };
  } catch (error) {
    if (!(error instanceof UpstreamError && error.status === 404)) throw error;
  }
  const decision = decidePromotion(policy, { version, macroF1: macroF1Of(candidate.metrics) }, current);
  if (decision.promote) {
    await registry.aliases.put(
      { params: { name: model, alias: policy.alias }, body: { version, reason: `mlops train: ${decision.reason}` } },
      { headers: { 'x-user': who } },
    );
  }
  return { ...decision, alias: policy.alias, previousVersion: current?.version ?? null };
}
