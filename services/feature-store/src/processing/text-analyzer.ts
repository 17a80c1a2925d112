/** What analysis adds to a document's text. */
export interface TextAnalysis {
  /** ISO 639-1 code, or `und` when undetermined. */
  readonly language: string;
  readonly features: Record<string, unknown>;
}

/** Analyses extracted text (language, entities ...); implemented over HTTP by the nlp client. */
export interface TextAnalyzer {
  /** Analyses one text; `requestId` is the id of the request that caused the work, sent on for the logs. */
  analyze(text: string, requestId?: string): Promise<TextAnalysis>;
}
