/**
 * A model file whose bytes do not match what the registry or the manifest lists for it. In a file
 * of its own so that model threads can throw it without loading the HTTP layer.
 */
export class ArtifactChecksumError extends Error {
  override readonly name = 'ArtifactChecksumError';
}
