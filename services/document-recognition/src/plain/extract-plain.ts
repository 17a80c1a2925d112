import type { Extraction, ExtractionContext } from '../extract/extraction.js';
import { emptyMetadata } from '../extract/extraction.js';
import { flowFeatures } from '../layout/flow-features.js';
import type { DecodedText } from '../sniffing/decode-text.js';

/** Plain text as one page, line endings normalised; warns when it was not UTF-8. */
export function extractPlain(decoded: DecodedText, context: Pick<ExtractionContext, 'warnings'>): Extraction {
  if (decoded.fallback) {
    context.warnings.push({
      code: 'TEXT_ENCODING_FALLBACK',
      message: `the text is not valid UTF-8; it was read as ${decoded.encoding}`,
    });
  }
  const text = decoded.text.replace(/\r\n?/g, '\n').trim();
  return {
    method: 'plain',
    pages: [{ number: 1, text, source: 'native', size: null, features: flowFeatures(text) }],
    metadata: emptyMetadata(),
    email: null,
  };
}
