import type { NlpKeywordsResponse } from '@mlops/contracts';

type Term = NlpKeywordsResponse['terms'][number];
type TextStats = NlpKeywordsResponse['stats'];

export interface KeywordOptions {
  /** Terms to return, overall and per text. */
  readonly top: number;
  /** Terms left out of the rankings (still counted in the statistics), in lower case. */
  readonly stopwords: ReadonlySet<string>;
}

const CURLY_APOSTROPHE = /’/g;

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function statsOf(tokens: number, types: number): TextStats {
  return { tokens, types, typeTokenRatio: tokens === 0 ? 0 : round(types / tokens) };
}

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Best first: higher score, then more occurrences, then alphabetical, so equal inputs give equal rankings. */
function rank(terms: Term[], top: number): Term[] {
  return terms.sort((a, b) => b.score - a.score || b.tf - a.tf || (a.term < b.term ? -1 : 1)).slice(0, top);
}

/**
 * Keyword statistics of a set of tokenised texts: per text and overall token and type counts,
 * and the top terms by TF-IDF. tf is a term's count, df the number of texts holding it,
 * idf = ln((1 + n) / (1 + df)) + 1 (smoothed, never 0), a text's score of a term is
 * tf / tokens of the text × idf, and the overall score is the mean of the texts' scores.
 * With one text, idf is 1 and the ranking is by relative frequency.
 */
export function keywordStatistics(texts: readonly (readonly string[])[], options: KeywordOptions): NlpKeywordsResponse {
  const isStopword = (term: string) => options.stopwords.has(term.toLowerCase().replace(CURLY_APOSTROPHE, "'"));
  const counts = texts.map(countTerms);
  const documentFrequency = new Map<string, number>();
  const totalCount = new Map<string, number>();
  for (const perText of counts) {
    for (const [term, count] of perText) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      totalCount.set(term, (totalCount.get(term) ?? 0) + count);
    }
  }
  const n = texts.length;
  const idf = (term: string) => Math.log((1 + n) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
  const scoreSum = new Map<string, number>();

  const items = counts.map((perText, index) => {
    const tokens = texts[index]?.length ?? 0;
    const terms: Term[] = [];
    for (const [term, tf] of perText) {
      if (isStopword(term)) continue;
      const score = (tf / tokens) * idf(term);
      scoreSum.set(term, (scoreSum.get(term) ?? 0) + score);
      terms.push({ term, tf, df: documentFrequency.get(term) ?? 0, score: round(score) });
    }
    return { stats: statsOf(tokens, perText.size), terms: rank(terms, options.top) };
  });

  const overall: Term[] = [...scoreSum].map(([term, sum]) => ({
    term,
    tf: totalCount.get(term) ?? 0,
    df: documentFrequency.get(term) ?? 0,
    score: round(sum / n),
  }));
  const tokenTotal = texts.reduce((sum, tokens) => sum + tokens.length, 0);
  return { documents: n, stats: statsOf(tokenTotal, totalCount.size), terms: rank(overall, options.top), items };
}
