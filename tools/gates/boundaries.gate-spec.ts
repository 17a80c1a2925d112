import { describe, expect, it } from 'vitest';
import { runGate, withPlantedFile } from './planted-file.js';

const depcruise = (path: string) => runGate('depcruise', [path, '--config', '.dependency-cruiser.cjs']);

describe('module boundaries (dependency-cruiser)', () => {
  it('pass on the tree', async () => {
    const run = await runGate('depcruise', [
      'libs',
      'services',
      'bench',
      'tools',
      'tests',
      '--config',
      '.dependency-cruiser.cjs',
    ]);
    expect(run.output).toContain('no dependency violations');
    expect(run.code).toBe(0);
  });

  it.each([
    [
      'a lib importing a service',
      'libs/http/src/__planted__boundary.ts',
      "export { loadDlTrainerConfig } from '../../../services/dl-trainer/src/config.js';\n",
      'libs-not-to-services',
    ],
    [
      'a service importing another service',
      'services/nlp/src/__planted__boundary.ts',
      "export { buildApp } from '../../dl-trainer/src/app.js';\n",
      'services-not-to-other-services',
    ],
    [
      'contracts importing another lib',
      'libs/contracts/src/__planted__boundary.ts',
      "export { createLogger } from '@mlops/logger';\n",
      'lib-order-contracts',
    ],
    [
      'a lib importing one above it in the order',
      'libs/logger/src/__planted__boundary.ts',
      "export { createHttpApp } from '@mlops/http';\n",
      'lib-order-logger',
    ],
    [
      'the clients importing a server-side library',
      'libs/clients/src/__planted__boundary.ts',
      "export { MongoClient } from 'mongodb';\n",
      'clients-import-no-server-library',
    ],
    [
      'a benchmark importing a file inside a library',
      'bench/training/__planted__boundary.ts',
      "export { stratifiedSplit } from '../../libs/ml/src/split/stratified-split.js';\n",
      'no-deep-imports',
    ],
    [
      'a deep import into another package',
      'services/nlp/src/__planted__boundary.ts',
      "export { httpErrors } from '../../../libs/http/src/errors/common-errors.js';\n",
      'no-deep-imports',
    ],
    [
      'production code importing the testing lib',
      'services/nlp/src/__planted__boundary.ts',
      "export { waitFor } from '@mlops/testing';\n",
      'testing-only-in-tests',
    ],
    [
      'libs/ml importing an I/O library',
      'libs/ml/src/__planted__boundary.ts',
      "export { MongoClient } from 'mongodb';\n",
      'ml-is-pure',
    ],
  ])('fail on %s', async (_name, path, content, rule) => {
    const run = await withPlantedFile(path, content, () => depcruise(path));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(rule);
  });
});
