import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's `fortunes` and `fortunes-min` packages put their cookie files. */
export const DEBIAN_FORTUNES_DIR = '/usr/share/games/fortunes';

/** One fortune cookie and the file (category) it comes from. */
export interface Fortune {
  /** `<category>/<index in the file>`, unique. */
  readonly id: string;
  readonly category: string;
  readonly text: string;
}

/**
 * Reads every cookie of the fortune files in `dir` (Debian `fortunes` + `fortunes-min`: 43 files
 * such as `computers`, `literature`, `riddles`), each file's name being the category. A file is a
 * list of cookies separated by lines holding only `%`; the `.dat` indexes and the `.u8` symlinks
 * are skipped. Files in name order, cookies in file order.
 */
export function readFortunes(dir: string = DEBIAN_FORTUNES_DIR): Fortune[] {
  const fortunes: Fortune[] = [];
  const files = readdirSync(dir)
    .filter((name) => !name.includes('.') && lstatSync(join(dir, name)).isFile())
    .sort();
  for (const category of files) {
    const cookies = readFileSync(join(dir, category), 'utf8')
      .split(/\r?\n%\r?\n|^%\r?\n|\r?\n%\s*$/)
      .map((cookie) => cookie.trim())
      .filter((cookie) => cookie !== '' && cookie !== '%');
    cookies.forEach((text, index) => fortunes.push({ id: `${category}/${index}`, category, text }));
  }
  return fortunes;
}
