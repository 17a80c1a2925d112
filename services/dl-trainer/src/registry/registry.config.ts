import { env, loadConfig } from '@mlops/config';
import { z } from 'zod';

/** The environment variables of the model registry (`REGISTRY_*`, `GIT_SHA`). */
export const registryEnvShape = {
  REGISTRY_MAX_IMPORT_BYTES: env.positiveInt(256 * 1024 * 1024),
  REGISTRY_MAX_FOLDER_BYTES: env.positiveInt(1024 * 1024 * 1024),
  REGISTRY_MAX_FILES: env.positiveInt(256),
  REGISTRY_MAX_TAR_ENTRIES: env.positiveInt(4096),
  REGISTRY_MAX_MANIFEST_BYTES: env.positiveInt(32 * 1024 * 1024),
  REGISTRY_EVENT_SWEEP_MS: env.positiveInt(10_000),
  GIT_SHA: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, 'a git commit sha in hex')
    .optional(),
} as const;

const schema = z.object(registryEnvShape).transform(registrySection);

/** The registry's part of the dl-trainer config. */
export type RegistryConfig = z.output<typeof schema>;

/** Nests the `REGISTRY_*` variables into the registry section (for a service config schema's transform). */
export function registrySection(e: z.output<z.ZodObject<typeof registryEnvShape>>) {
  return {
    limits: {
      /** Largest `.tar.gz` upload, compressed. */
      maxImportBytes: e.REGISTRY_MAX_IMPORT_BYTES,
      /** Largest folder, all files uncompressed: stops a gzip bomb. */
      maxFolderBytes: e.REGISTRY_MAX_FOLDER_BYTES,
      maxFiles: e.REGISTRY_MAX_FILES,
      /** Entries of any kind in an imported tarball (folders, pax headers …): stops a tar bomb of empty entries. */
      maxTarEntries: e.REGISTRY_MAX_TAR_ENTRIES,
      maxManifestBytes: e.REGISTRY_MAX_MANIFEST_BYTES,
    },
    eventSweepMs: e.REGISTRY_EVENT_SWEEP_MS,
    /** From `GIT_SHA`; when absent the code version is asked from git at boot. */
    gitSha: e.GIT_SHA,
  };
}

/** Parses the registry's variables once into its frozen config; a bad value throws a ConfigError naming it. */
export function loadRegistryConfig(source: Record<string, string | undefined> = process.env): Readonly<RegistryConfig> {
  return loadConfig(schema, source);
}
