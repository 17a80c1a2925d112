import { Cron } from 'croner';

/** A cron expression read in an IANA time zone (croner), never run by croner itself: the scheduler asks it for occurrences. */
export class CronSchedule {
  readonly #cron: Cron;

  private constructor(cron: Cron) {
    this.#cron = cron;
  }

  /** Parses the expression in the zone; throws croner's error (a RangeError or TypeError) when either is invalid. */
  static parse(expression: string, timezone: string): CronSchedule {
    const cron = new Cron(expression, { timezone, paused: true });
    cron.nextRun(new Date(0));
    return new CronSchedule(cron);
  }

  /** The first occurrence after `from`, if any. */
  next(from: Date): Date | undefined {
    return this.#cron.nextRun(from) ?? undefined;
  }

  /**
   * The latest occurrence at or before `now` and after `since`, if any: the one tick due. Ticks
   * missed while the service was down collapse into this one (a missed tick runs once, not once
   * per missed occurrence).
   */
  due(since: Date, now: Date): Date | undefined {
    const [latest] = this.#cron.previousRuns(1, new Date(now.getTime() + 1));
    return latest && latest.getTime() > since.getTime() && latest.getTime() <= now.getTime() ? latest : undefined;
  }
}
