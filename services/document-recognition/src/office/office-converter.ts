import type { FastifyBaseLogger } from 'fastify';
import type { ConverterConfig } from '../config.js';
import { recognitionErrors } from '../errors.js';
import type { OfficeConverter } from './converter.js';
import { GotenbergConverter } from './gotenberg-converter.js';
import { findExecutable, LibreOfficeConverter } from './libreoffice-converter.js';

/**
 * The converter chain: gotenberg when `GOTENBERG_URL` is set (each call bounded by `timeoutMs`);
 * otherwise LibreOffice when its executable is found (looked up on each use, so installing it
 * needs no restart); otherwise every office file is refused with `RECOGNITION_CONVERTER_UNAVAILABLE`.
 */
export function createOfficeConverter(
  config: ConverterConfig,
  timeoutMs: number,
  logger: FastifyBaseLogger,
): OfficeConverter {
  if (config.gotenbergUrl) return new GotenbergConverter(config.gotenbergUrl, timeoutMs);
  return {
    name: 'libreoffice',
    async toPdf(bytes, extension, signal) {
      const executable = await findExecutable(config.sofficePath);
      if (!executable) {
        throw recognitionErrors.converterUnavailable(
          `office files other than DOCX need a converter: set GOTENBERG_URL or install LibreOffice (${config.sofficePath} was not found)`,
        );
      }
      return new LibreOfficeConverter(executable, logger).toPdf(bytes, extension, signal);
    },
  };
}
