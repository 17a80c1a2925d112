/**
 * Month names and common abbreviations (lower case, accents included and left out) in English,
 * French, German, Spanish, Italian, Dutch and Portuguese, with their month number.
 */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'january jan janvier janv januar jänner jän enero ene gennaio gen januari janeiro'],
      [2, 'february feb février fevrier févr fevr februar febrero febbraio februari fevereiro fev'],
      [3, 'march mar mars märz maerz mär marzo maart março marco'],
      [4, 'april apr avril avr abril abr aprile'],
      [5, 'may mai mayo maggio mei maio'],
      [6, 'june jun juin juni junio giugno junho'],
      [7, 'july jul juillet juil juli julio luglio julho'],
      [8, 'august aug août aout agosto ago augustus'],
      [9, 'september sep sept septembre septiembre setiembre settembre setembro'],
      [10, 'october oct octobre oktober okt octubre ottobre ott outubro'],
      [11, 'november nov novembre noviembre novembro'],
      [12, 'december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro'],
    ] as const
  ).flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)),
);
