/** The six services of the suite, their local port (scripts/up) and how the CLI is told their URL. */
export const SERVICES = [
  {
    name: 'feature-store',
    key: 'featureStoreUrl',
    env: 'MLOPS_FEATURE_STORE_URL',
    flag: 'feature-store-url',
    port: 4001,
  },
  {
    name: 'document-recognition',
    key: 'documentRecognitionUrl',
    env: 'MLOPS_DOCUMENT_RECOGNITION_URL',
    flag: 'document-recognition-url',
    port: 4002,
  },
  { name: 'nlp', key: 'nlpUrl', env: 'MLOPS_NLP_URL', flag: 'nlp-url', port: 4003 },
  { name: 'dl-trainer', key: 'trainerUrl', env: 'MLOPS_TRAINER_URL', flag: 'trainer-url', port: 4004 },
  { name: 'reporter', key: 'reporterUrl', env: 'MLOPS_REPORTER_URL', flag: 'reporter-url', port: 4005 },
  { name: 'inference', key: 'inferenceUrl', env: 'MLOPS_INFERENCE_URL', flag: 'inference-url', port: 4006 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];
export type EndpointKey = (typeof SERVICES)[number]['key'];
/** Where each service listens. */
export type Endpoints = Readonly<Record<EndpointKey, string>>;
