import { convert } from 'html-to-text';
import { simpleParser } from 'mailparser';

/** HTML to readable text: tags dropped, no link targets, no images, no line wrapping. */
function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
}

const looksLikeHtml = (text: string): boolean => /<(html|body|p|br|div|table|font)\b/i.test(text);

/**
 * The body text of one raw RFC 5322 message, parsed with mailparser (the library
 * document-recognition uses). The header block is dropped and MIME parts are decoded
 * (quoted-printable, base64, charsets). In order, the first that gives text:
 * 1. the text/plain parts;
 * 2. the HTML part, converted to text (tags dropped, images and link targets skipped);
 * 3. text/plain or text/html parts that mailparser took for attachments (e.g. a malformed
 *    Content-Type), decoded the same way;
 * 4. when mailparser found no part at all (a broken multipart boundary), the raw text after the
 *    header block, converted from HTML when it looks like HTML.
 * An HTML message with images only gives an empty body. A leading mbox `From ` line is removed first.
 */
export async function emailBody(raw: string): Promise<string> {
  const message = raw.replace(/^From [^\n]*\n/, '');
  const mail = await simpleParser(message, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const plain = (mail.text ?? '').trim();
  if (plain !== '') return plain;
  if (typeof mail.html === 'string') return htmlToText(mail.html);
  const textParts = mail.attachments
    .filter((part) => /^text\/(plain|html)\b/i.test(part.contentType))
    .map((part) => {
      const text = part.content.toString('utf8');
      return /^text\/html/i.test(part.contentType) ? htmlToText(text) : text.trim();
    })
    .filter((text) => text !== '');
  if (textParts.length > 0) return textParts.join('\n\n');
  if (mail.attachments.length > 0) return '';
  const blank = /\r?\n\r?\n/.exec(message);
  const body = blank ? message.slice(blank.index + blank[0].length).trim() : '';
  return looksLikeHtml(body) ? htmlToText(body) : body;
}
