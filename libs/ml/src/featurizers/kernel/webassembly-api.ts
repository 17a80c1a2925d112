/** A compiled WebAssembly module. */
export type CompiledModule = object;

/** A WebAssembly memory: its bytes, replaced by a larger buffer when it grows. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/**
 * The part of the WebAssembly JavaScript API the featurize kernel uses: Node's own types declare
 * none of it (it is in TypeScript's DOM library, which this code does not load).
 */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => CompiledModule;
  readonly Instance: new (
    module: CompiledModule,
    imports: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  ) => { readonly exports: object };
}

/** The runtime's `WebAssembly` object, typed as far as the kernel uses it. */
export const webAssembly = (globalThis as unknown as { readonly WebAssembly: WebAssemblyApi }).WebAssembly;
