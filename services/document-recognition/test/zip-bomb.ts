import { constants, deflateRawSync } from 'node:zlib';

/**
 * Raw deflate of `mebibytes` MiB of spaces without compressing them all: one MiB is deflated with
 * a full flush (a byte-aligned segment that refers to nothing before it), repeated, then closed
 * by an empty final block. The kernel of a decompression bomb, about 1 KiB per MiB.
 */
function deflatedSpaces(mebibytes: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => segment), Buffer.from([0x03, 0x00])]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/**
 * A DOCX-looking zip (`[Content_Types].xml`, `word/document.xml`) whose document entry inflates to
 * `mebibytes` MiB while its headers claim 1 KiB. Built at test time, in a few milliseconds.
 */
export function docxBomb(mebibytes: number): Buffer {
  const entries = [
    { name: Buffer.from('[Content_Types].xml'), data: deflateRawSync(Buffer.from(CONTENT_TYPES)) },
    { name: Buffer.from('word/document.xml'), data: deflatedSpaces(mebibytes) },
  ];
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(1024, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(1024, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}
