import type { DocumentMetadata } from '@mlops/contracts';
import { unzipSync } from 'fflate';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The text of the first `<name>` element (attributes allowed) that has a closing tag, found with
 * `indexOf` rather than a lazy regular expression, which rescans to the end of the entry from every
 * unclosed opening tag (quadratic on an entry of repeated `<dc:title>`).
 */
function element(xml: string, name: string): string | null {
  const opening = `<${name}`;
  let from = 0;
  for (let open = xml.indexOf(opening, from); open !== -1; open = xml.indexOf(opening, from)) {
    from = open + opening.length;
    const next = xml.charAt(from);
    if (next !== '>' && !/\s/.test(next)) continue;
    const tagEnd = xml.indexOf('>', from);
    const close = tagEnd === -1 ? -1 : xml.indexOf(`</${name}>`, tagEnd + 1);
    if (close === -1) return null;
    const value = decodeXml(xml.slice(tagEnd + 1, close)).trim();
    return value === '' ? null : value;
  }
  return null;
}

function date(xml: string, name: string): string | null {
  const value = element(xml, name);
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/**
 * Reads the core properties of an OOXML package (`docProps/core.xml`: title, creator,
 * subject, keywords, language, dates) and the application name (`docProps/app.xml`). Only those
 * two small entries are inflated. Returns null fields when they are absent.
 */
export function docxProperties(bytes: Uint8Array): DocumentMetadata {
  const wanted = new Set(['docProps/core.xml', 'docProps/app.xml']);
  let files: Record<string, Uint8Array> = {};
  try {
    files = unzipSync(bytes, { filter: (file) => wanted.has(file.name) && file.originalSize < 1_000_000 });
  } catch {
    files = {};
  }
  const core = files['docProps/core.xml'] ? new TextDecoder().decode(files['docProps/core.xml']) : '';
  const app = files['docProps/app.xml'] ? new TextDecoder().decode(files['docProps/app.xml']) : '';
  return {
    title: element(core, 'dc:title'),
    author: element(core, 'dc:creator'),
    subject: element(core, 'dc:subject') ?? element(core, 'dc:description'),
    keywords: element(core, 'cp:keywords'),
    creator: element(app, 'Application'),
    producer: null,
    language: element(core, 'dc:language'),
    createdAt: date(core, 'dcterms:created'),
    modifiedAt: date(core, 'dcterms:modified'),
  };
}
