/** Turns an office file (named by its extension, which the converters pick a reader by) into a PDF. */
export interface OfficeConverter {
  readonly name: string;
  toPdf(bytes: Buffer, extension: string, signal: AbortSignal): Promise<Buffer>;
}
