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

/** A text analyzer that also takes many texts in one call. */
export interface BatchTextAnalyzer extends TextAnalyzer {
  /** Analyses the texts in one call; one analysis per text, in order. */
  analyzeMany(texts: readonly string[], requestId?: string): Promise<TextAnalysis[]>;
}
