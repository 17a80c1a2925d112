import type { Problem } from '@mlops/contracts';

/** A call the server refused or could not answer, with its problem+json (the detail is shown next to the control). */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** The service that answered (or did not). */
    readonly service: string,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The id in the URL names nothing (or something deleted): pages show the not-found page. */
  get notFound(): boolean {
    return this.problem.status === 404;
  }

  /** The service did not answer: the banner names it, the page keeps the rest working. */
  get serviceDown(): boolean {
    return this.problem.code === 'UI_SERVICE_UNAVAILABLE' || this.problem.code === 'UI_NETWORK';
  }
}
