// The latest coverage and review schedule from the server, shared by the tree views, the status bar
// and the report, so one index change costs one pair of requests however many views are open.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CoverageTreeRequest,
  ReviewScheduleRequest,
  type CoverageSummaryData,
  type CoverageTreeResult,
  type ReviewScheduleResult,
} from '../../server/src/protocol';

export interface Snapshot {
  readonly coverage: CoverageTreeResult;
  readonly schedule: ReviewScheduleResult;
}

export class CoverageStore implements vscode.Disposable {
  private current: Snapshot | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private readonly changed = new vscode.EventEmitter<Snapshot | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  get snapshot(): Snapshot | undefined {
    return this.current;
  }

  /** True once every folder has been indexed completely. */
  get complete(): boolean {
    return this.current !== undefined && this.current.coverage.folders.every((f) => f.complete);
  }

  /** Forgets what we had (the server went away); views show their empty state until the next fetch. */
  clear(): void {
    this.current = undefined;
    this.changed.fire(undefined);
  }

  /**
   * Fetches both lists. Calls made while a fetch runs collapse into one more fetch after it, so a
   * burst of index changes never queues a request per change.
   */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      try {
        do {
          this.again = false;
          await this.fetch();
        } while (this.again);
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    const client = this.client();
    if (!client || !client.isRunning()) return;
    const [coverage, schedule] = await Promise.all([client.sendRequest(CoverageTreeRequest, {}), client.sendRequest(ReviewScheduleRequest, {})]);
    this.current = { coverage, schedule };
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Coverage summed over the workspace folders. */
export function totalSummary(coverage: CoverageTreeResult): CoverageSummaryData {
  const sum = { inScope: 0, covered: 0, stale: 0, claimed: 0, uncovered: 0, notApplicable: 0 };
  for (const f of coverage.folders) {
    for (const key of Object.keys(sum) as (keyof CoverageSummaryData)[]) sum[key] += f.summary[key];
  }
  return sum;
}

/** The criteria that count against coverage: in scope and not scoped out. */
export function applicable(summary: CoverageSummaryData): number {
  return summary.inScope - summary.notApplicable;
}
