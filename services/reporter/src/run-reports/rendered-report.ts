import type { RunReportModel } from '../report/index.js';

function isMissingPart(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { available?: unknown }).available === false;
}

/**
 * The parts of a run report that its manifest could not fill (`calibration`, `learningCurve` ...),
 * by their name in the view model, in the model's order.
 */
export function missingParts(model: RunReportModel): string[] {
  return Object.entries(model)
    .filter(([, value]) => isMissingPart(value))
    .map(([name]) => name);
}

/** The number of pages of a PDF written by pdfkit: its page objects (`/Type /Page`). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
  );
}
