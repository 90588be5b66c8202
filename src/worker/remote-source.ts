// A page source's twin in Pulso's worker, as the page's Source holds it: queries go
// there through the page's WorkerLink, rows come back.
import type { MetricQuery } from '../query/types.js';
import type { ValidationReport } from '../data/schema.js';
import type { RemoteAnswer, WorkerLink } from './client.js';

/** A page source's twin in the worker: queries go there, rows come back. */
export class RemoteSource {
  /** The merged report of every table the twin loaded (as of its latest word). */
  report?: ValidationReport;

  constructor(
    private readonly link: WorkerLink,
    readonly sid: number,
  ) {}

  get gone(): boolean {
    return this.link.failed !== undefined;
  }

  async run(query: MetricQuery, signal?: AbortSignal): Promise<RemoteAnswer> {
    signal?.throwIfAborted();
    const answer = (await this.link.call((id) => ({ t: 'run', id, sid: this.sid, query }), signal))!;
    if (answer.sourceReport) this.report = answer.sourceReport;
    return answer;
  }

  refresh(): void {
    this.link.post({ t: 'refresh', sid: this.sid });
  }

  async idle(): Promise<void> {
    await this.link.call((id) => ({ t: 'idle', id, sid: this.sid })).catch(() => undefined);
  }
}
