/** Receives the feature ids a source finds in one text. */
export interface FeatureSink {
  add(id: number): void;
}
