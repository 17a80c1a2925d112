import type { EmailHeaders } from '@mlops/contracts';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import { recognitionErrors } from '../errors.js';
import type { Extraction } from '../extract/extraction.js';
import { emptyMetadata } from '../extract/extraction.js';
import { flowFeatures } from '../layout/flow-features.js';
import { trimLineEnds } from '../layout/trim-line-ends.js';

function formatAddress(address: EmailAddress): string[] {
  if (address.group) return address.group.flatMap(formatAddress);
  if (!address.address) return address.name ? [address.name] : [];
  return [address.name ? `${address.name} <${address.address}>` : address.address];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((object) => object.value.flatMap(formatAddress));
}

/** HTML to readable text: no link targets, no images, no line wrapping. */
function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

function tidy(text: string): string {
  return trimLineEnds(text.replace(/\r\n?/g, '\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Parses an RFC 5322 message with mailparser: headers apart, the body as the text (the plain
 * part, or the HTML part converted to text when there is no plain one), attachments listed
 * with name, type and size but not extracted.
 */
export async function extractEmail(bytes: Buffer): Promise<Extraction> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(bytes, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  } catch (error) {
    throw recognitionErrors.corrupt(
      `the e-mail cannot be parsed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const plain = tidy(mail.text ?? '');
  const htmlBody = plain === '' && typeof mail.html === 'string';
  const text = htmlBody && typeof mail.html === 'string' ? tidy(htmlToText(mail.html)) : plain;
  const from = addresses(mail.from);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
  const language = mail.headers.get('content-language');
  const email: EmailHeaders = {
    from: from[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject?.trim() ?? null,
    date,
    messageId: mail.messageId ?? null,
    htmlBody,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
  };
  return {
    method: 'email',
    pages: [{ number: 1, text, source: 'native', size: null, features: flowFeatures(text) }],
    metadata: {
      ...emptyMetadata(),
      title: email.subject,
      author: email.from,
      language: typeof language === 'string' ? language : null,
      createdAt: date,
    },
    email,
  };
}
