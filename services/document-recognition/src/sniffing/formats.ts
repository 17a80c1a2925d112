import type { DocumentKind } from '@mlops/contracts';

/** A file format the service knows: how it is processed, and the names clients give it. */
export interface KnownFormat {
  /** Canonical extension, as `file-type` reports it. */
  readonly id: string;
  readonly kind: DocumentKind;
  readonly mime: string;
  readonly extensions: readonly string[];
  readonly mimes: readonly string[];
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

/** Every format `POST /v1/extract` accepts. Office formats other than DOCX go through a converter. */
export const KNOWN_FORMATS: readonly KnownFormat[] = [
  {
    id: 'pdf',
    kind: 'pdf',
    mime: 'application/pdf',
    extensions: ['pdf'],
    mimes: ['application/pdf', 'application/x-pdf'],
  },
  { id: 'png', kind: 'image', mime: 'image/png', extensions: ['png'], mimes: ['image/png'] },
  {
    id: 'jpg',
    kind: 'image',
    mime: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    mimes: ['image/jpeg', 'image/pjpeg'],
  },
  { id: 'tif', kind: 'image', mime: 'image/tiff', extensions: ['tif', 'tiff'], mimes: ['image/tiff'] },
  {
    id: 'docx',
    kind: 'docx',
    mime: `${OOXML}.wordprocessingml.document`,
    extensions: ['docx'],
    mimes: [`${OOXML}.wordprocessingml.document`],
  },
  {
    id: 'cfb',
    kind: 'office',
    mime: 'application/x-cfb',
    extensions: ['doc', 'dot', 'xls', 'ppt'],
    mimes: ['application/x-cfb', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'],
  },
  { id: 'rtf', kind: 'office', mime: 'application/rtf', extensions: ['rtf'], mimes: ['application/rtf', 'text/rtf'] },
  { id: 'odt', kind: 'office', mime: `${ODF}.text`, extensions: ['odt'], mimes: [`${ODF}.text`] },
  { id: 'ods', kind: 'office', mime: `${ODF}.spreadsheet`, extensions: ['ods'], mimes: [`${ODF}.spreadsheet`] },
  { id: 'odp', kind: 'office', mime: `${ODF}.presentation`, extensions: ['odp'], mimes: [`${ODF}.presentation`] },
  {
    id: 'xlsx',
    kind: 'office',
    mime: `${OOXML}.spreadsheetml.sheet`,
    extensions: ['xlsx'],
    mimes: [`${OOXML}.spreadsheetml.sheet`],
  },
  {
    id: 'pptx',
    kind: 'office',
    mime: `${OOXML}.presentationml.presentation`,
    extensions: ['pptx'],
    mimes: [`${OOXML}.presentationml.presentation`],
  },
  { id: 'eml', kind: 'email', mime: 'message/rfc822', extensions: ['eml'], mimes: ['message/rfc822'] },
  {
    id: 'txt',
    kind: 'text',
    mime: 'text/plain',
    extensions: ['txt', 'text', 'md', 'csv', 'tsv', 'log'],
    mimes: ['text/plain', 'text/csv', 'text/markdown', 'text/tab-separated-values'],
  },
];

const byId = new Map(KNOWN_FORMATS.map((format) => [format.id, format]));

/** The known format with this canonical id, if any. */
export function formatById(id: string): KnownFormat | undefined {
  return byId.get(id);
}

/** The known format a file extension (without the dot, any case) names, if any. */
export function formatByExtension(extension: string): KnownFormat | undefined {
  const wanted = extension.toLowerCase();
  return KNOWN_FORMATS.find((format) => format.extensions.includes(wanted));
}

/** The known format a media type names (parameters ignored), if any. */
export function formatByMime(mime: string): KnownFormat | undefined {
  const wanted = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  return KNOWN_FORMATS.find((format) => format.mimes.includes(wanted));
}
