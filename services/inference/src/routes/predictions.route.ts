import { feedbackBodySchema, feedbackResponseSchema, predictionParamsSchema, problemSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';

/** `POST /v1/predictions/{id}/feedback`: the true label of a logged prediction. */
export function registerPredictionRoutes(app: HttpApp, monitor: PredictionMonitor, sampleRate: number): void {
  app.post(
    '/v1/predictions/:id/feedback',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Attach the true label to a logged prediction (and its shadow copies)',
        description:
          `Only logged predictions take feedback: PREDICTION_LOG_SAMPLE_RATE (${sampleRate}) of the requests are logged, ` +
          'so 404 can mean the request was sampled out. The same label again changes nothing; a different label ' +
          'replaces the previous one, which is kept in the audit history.',
        params: predictionParamsSchema,
        body: feedbackBodySchema,
        response: { 200: feedbackResponseSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    (request) => monitor.recordFeedback(request.params.id, request.body),
  );
}
