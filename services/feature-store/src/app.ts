import multipart from '@fastify/multipart';
import { createServiceClient } from '@mlops/clients';
import { inferenceRoutes, nlpRoutes, recognitionRoutes } from '@mlops/contracts';
import type { HttpApp, KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { openBucket, startOrphanFileSweeper } from '@mlops/mongo';
import { buildConnectedApp } from '@mlops/runtime';
import type { FeatureStoreConfig } from './config.js';
import {
  DatasetRepository,
  datasetRecordsCollection,
  datasetsCollection,
  datasetVersionsCollection,
} from './datasets/dataset.repository.js';
import { registerDatasetRoutes } from './datasets/datasets.route.js';
import { DocumentRepository, documentsCollection } from './documents/document.repository.js';
import { registerDocumentRoutes } from './documents/documents.route.js';
import { RecentFiles } from './documents/recent-files.js';
import { registerImportRoutes } from './imports/imports.route.js';
import { LabelRepository, labelsCollection } from './labels/label.repository.js';
import { registerLabelRoutes } from './labels/labels.route.js';
import { nlpHitTagger } from './labels/hit-tagger.js';
import { inferenceSuggester } from './labels/label-suggester.js';
import { registerLabelQueueRoute } from './labels/label-queue.route.js';
import { nlpTextAnalyzer } from './processing/nlp-text-analyzer.js';
import { dispatchProcessing, startProcessingConsumer } from './processing/process-document.consumer.js';
import { registerRetryRoute } from './processing/retry.route.js';
import { startStaleSweeper } from './processing/stale-sweeper.js';
import { featureStoreTopology } from './topology.js';
import { ApiKeyRepository, apiKeysCollection } from './keys/api-key.repository.js';
import { bootstrapAdminKey } from './keys/bootstrap-admin.js';
import { bootstrapServiceKeys, parseServiceKeys } from './keys/service-keys.js';
import { registerKeyRoutes } from './keys/keys.route.js';
import { introspectingVerifier, localKeyVerifier, type LocalKeyVerifier } from './keys/local-verifier.js';

/** Bytes of lately uploaded files kept in memory for their processing (see RecentFiles). */
const RECENT_FILE_BYTES = 64 * 1024 * 1024;

/** Builds feature-store: documents, labels, imports, datasets and the processing worker, over MongoDB (GridFS) and RabbitMQ. */
export async function buildApp(
  config: FeatureStoreConfig,
  overrides: {
    readonly logger?: Logger;
    /** Checks callers' keys and answers introspection in place of the key store (tests' keys). */
    readonly keyVerifier?: KeyVerifier;
  } = {},
): Promise<HttpApp> {
  let ownKeys: { keys: ApiKeyRepository; verifier: LocalKeyVerifier } | undefined;
  const { app, infrastructure, logger } = await buildConnectedApp({
    config,
    description: 'Raw documents, extracted text and features, labels, datasets and their immutable versions.',
    logger: overrides.logger,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    amqpConfirmTimeoutMs: config.amqp.confirmTimeoutMs,
    collections: [
      documentsCollection,
      labelsCollection,
      datasetsCollection,
      datasetVersionsCollection,
      datasetRecordsCollection,
      apiKeysCollection,
    ],
    topology: featureStoreTopology,
    keyVerifier: (opened, log) => {
      const keys = new ApiKeyRepository(opened.mongo.db);
      ownKeys = { keys, verifier: localKeyVerifier(keys, log) };
      return overrides.keyVerifier ?? ownKeys.verifier;
    },
  });
  if (!ownKeys) throw new Error('the key store was not opened');
  await bootstrapAdminKey(ownKeys.keys, config.bootstrapAdminKey, logger);
  await bootstrapServiceKeys(ownKeys.keys, parseServiceKeys(config.bootstrapServiceKeys), logger);
  registerKeyRoutes(app, {
    keys: ownKeys.keys,
    verifier: overrides.keyVerifier ? introspectingVerifier(overrides.keyVerifier) : ownKeys.verifier,
  });
  await app.register(multipart, {
    limits: {
      fileSize: config.uploads.maxFileBytes,
      files: config.uploads.maxFilesPerRequest,
      fields: 10,
      fieldSize: 64 * 1024,
    },
  });
  const { broker } = infrastructure;
  const { db } = infrastructure.mongo;
  const documents = new DocumentRepository(db);
  const labels = new LabelRepository(db);
  const bucket = openBucket(db, 'documents');
  const recentFiles = new RecentFiles(RECENT_FILE_BYTES);
  const dispatch = (documentId: string, requestId?: string): Promise<void> =>
    dispatchProcessing(broker, documentId, requestId);
  const dispatchLogged = async (documentId: string, requestId?: string): Promise<void> => {
    try {
      await dispatch(documentId, requestId);
    } catch (error) {
      logger.warn({ err: error, documentId }, 'documents.process not confirmed; the stale sweeper resends it');
    }
  };
  registerDocumentRoutes(app, {
    documents,
    labels,
    bucket,
    dispatch: dispatchLogged,
    maxFileBytes: config.uploads.maxFileBytes,
    recentFiles,
  });
  registerLabelRoutes(app, { documents, labels });
  registerImportRoutes(app, {
    documents,
    labels,
    dispatch: dispatchLogged,
    maxInvalidLinesReported: config.uploads.maxInvalidLinesReported,
  });
  registerDatasetRoutes(app, { documents, labels, datasets: new DatasetRepository(db) });
  registerRetryRoute(app, { documents, labels, dispatch });
  const { recognitionUrl, nlpUrl, inferenceUrl, timeoutMs, labelQueueTimeoutMs } = config.upstreams;
  const { apiKey } = config.auth;
  registerLabelQueueRoute(app, {
    documents,
    labels,
    suggester: inferenceSuggester(
      createServiceClient(inferenceRoutes, { baseUrl: inferenceUrl, timeoutMs: labelQueueTimeoutMs }),
    ),
    tagger: nlpHitTagger(createServiceClient(nlpRoutes, { baseUrl: nlpUrl, timeoutMs: labelQueueTimeoutMs, apiKey })),
  });
  await startProcessingConsumer(
    {
      broker,
      documents,
      labels,
      bucket,
      recognition: createServiceClient(recognitionRoutes, { baseUrl: recognitionUrl, timeoutMs, apiKey }),
      analyzer: nlpTextAnalyzer(createServiceClient(nlpRoutes, { baseUrl: nlpUrl, timeoutMs, apiKey }), timeoutMs),
      workers: config.processing.workers,
      maxAttempts: config.processing.maxAttempts,
      recentFiles,
    },
    logger,
  );
  const stopSweeper = startStaleSweeper(
    { documents, dispatch, logger },
    config.processing.sweepMs,
    config.processing.staleMs,
  );
  const stopOrphanSweep = startOrphanFileSweeper({
    db,
    bucket: 'documents',
    logger,
    referenced: (ids) => documents.referencedFiles(ids.map((id) => id.toHexString())),
  });
  app.addHook('preClose', (done) => {
    stopSweeper();
    stopOrphanSweep();
    done();
  });
  return app;
}
