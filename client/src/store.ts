// The latest coverage and review schedule from the server, shared by the tree views, the status bar
// and the report, so one index change costs one pair of requests however many views are open.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CoverageTreeRequest,
  ReviewScheduleRequest,
  type CoverageSummaryData,
  type CoverageTreeResult,
  type FolderCoverage,
  type IndexProgressData,
  type IndexProgressParams,
  type ReviewScheduleResult,
} from '../../server/src/protocol';
import { applicableOf } from '../../server/src/core/coverage/states';

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
  /** The latest indexing progress of each folder, by URI, from the server's notifications. */
  private readonly progressByFolder = new Map<string, IndexProgressData>();
  private readonly progressChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeProgress = this.progressChanged.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  get snapshot(): Snapshot | undefined {
    return this.current;
  }

  /** True once every folder has been indexed completely. */
  get complete(): boolean {
    return this.current !== undefined && this.current.coverage.folders.every((f) => f.complete);
  }

  /** Records a folder's indexing progress; the views redraw their progress without a fetch. */
  setProgress(p: IndexProgressParams): void {
    this.progressByFolder.set(p.folder, { stage: p.stage, read: p.read, ...(p.total !== undefined ? { total: p.total } : {}) });
    this.progressChanged.fire();
  }

  /** How far a folder's indexing has got: the latest notification, else what the last fetch said. */
  progressOf(folder: FolderCoverage): IndexProgressData | undefined {
    return this.progressByFolder.get(folder.uri) ?? folder.progress;
  }

  /** Forgets what we had (the server went away); views show their empty state until the next fetch. */
  clear(): void {
    this.progressByFolder.clear();
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
    this.progressChanged.dispose();
  }
}

/** "1,234 of 20,000 documents read", "listing files": a folder's indexing in words. */
export function progressWords(p: IndexProgressData | undefined): string {
  if (!p || p.stage === 'listing' || p.total === undefined) return 'listing files';
  return `${p.read.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} document${p.total === 1 ? '' : 's'} read`;
}

/** Documents read and to read over the folders still indexing; total undefined while one is still listing. */
export function indexingTotals(store: CoverageStore, folders: readonly FolderCoverage[]): { read: number; total: number | undefined } {
  let read = 0;
  let total: number | undefined = 0;
  for (const f of folders) {
    const p = store.progressOf(f);
    read += p?.read ?? 0;
    total = p?.total === undefined || total === undefined ? undefined : total + p.total;
  }
  return { read, total };
}

/** Coverage summed over the workspace folders. */
export function totalSummary(coverage: CoverageTreeResult): CoverageSummaryData {
  const sum = { inScope: 0, covered: 0, stale: 0, exception: 0, claimed: 0, claimedStale: 0, uncovered: 0, notApplicable: 0 };
  for (const f of coverage.folders) {
    for (const key of Object.keys(sum) as (keyof CoverageSummaryData)[]) sum[key] += f.summary[key];
  }
  return sum;
}

/** The criteria that count against coverage: in scope and not scoped out. */
export const applicable: (summary: CoverageSummaryData) => number = applicableOf;
