import type { KeyOwner } from '../lib/key-owner.js';
import type { ServerProcess } from '../lib/server-process.js';

/** The model trained once for the run, and the data it came from, as files in the run's work folder. */
export interface ServingModel {
  /** Model name used in the route `/v1/models/{name}/predict`. */
  readonly name: string;
  /** The suite's model, exported to ONNX by `runTrainingPipeline` (libs/ml). */
  readonly onnxFile: string;
  /** The libs/ml featurizer state (`TextFeaturizer.toJSON()`) that goes with `onnxFile`. */
  readonly featurizerFile: string;
  /** The same model as the folder the registry holds (`manifest.json` + `model.onnx`, from `runTrainingPipeline`). */
  readonly folderDir: string;
  /** JSON Lines `{"id","text","label"}` of the train and test parts (bench/training/datasets.ts split). */
  readonly trainFile: string;
  readonly testFile: string;
  /** A fresh folder of the run, removed afterwards. */
  readonly workDir: string;
}

/**
 * One HTTP server under load. It must answer `POST /v1/models/{name}/predict` with `{"texts": [...]}`
 * on 127.0.0.1:`port`, in its own process (its peak RSS is read from /proc while it runs). Every
 * request carries the run's key (`authorization`), whether or not the server checks it.
 */
export interface HttpContender {
  readonly name: string;
  /** Settings stated in the results. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Why this contender cannot run in this checkout (it is then skipped, with the reason in the notes); null when it can. */
  unavailable?(): string | null;
  /** Starts the server; resolves once it has answered a request. A server that checks keys asks `keyOwner`. */
  start(model: ServingModel, port: number, probeBody: string, keyOwner: KeyOwner): Promise<ServerProcess>;
}
