import { nlpRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { normalizeText } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';

/** `POST /v1/normalize`: Unicode and whitespace normalisation, optional case folding and accent stripping. */
export function registerNormalizeRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  registerRoute(app, nlpRoutes.normalize, (request) => {
    const { texts, options } = request.body;
    enforceTextLimits(texts, deps.limits);
    return { options, items: texts.map((text) => ({ text: normalizeText(text, options) })) };
  });
}
