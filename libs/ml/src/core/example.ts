/** One labelled text of a frozen dataset version, as the trainer reads it. */
export interface LabelledExample {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  /** Numeric features (e.g. layout features from document-recognition), by name. */
  readonly numeric?: Readonly<Record<string, number>>;
}
