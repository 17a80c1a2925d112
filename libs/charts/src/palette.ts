/**
 * Okabe–Ito colours (Okabe & Ito, 2008): eight hues that stay distinct under the common
 * colour-vision deficiencies (deuteranopia, protanopia, tritanopia) and in grey-scale print.
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  vermillion: '#D55E00',
  skyBlue: '#56B4E9',
  reddishPurple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Categorical series colours, in the order series are assigned (yellow last: weak on white). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Neutral ink of the slides: text, secondary text, rules and panels. */
export const INK = {
  text: '#1F2933',
  muted: '#52606D',
  faint: '#8A96A3',
  rule: '#D9E2EC',
  panel: '#F2F5F8',
  accent: OKABE_ITO.blue,
} as const;

/** A change for the better or for the worse (blue/vermillion: safe for every common deficiency). */
export const CHANGE = { better: OKABE_ITO.blue, worse: OKABE_ITO.vermillion, same: '#8A96A3' } as const;

/** Single-hue sequential scheme of Vega for heatmaps: ordered by lightness, so readable without hue. */
export const SEQUENTIAL_SCHEME = 'blues';
