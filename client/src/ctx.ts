// The one object that owns the extension's state: the language client, the output channel, the shared
// coverage store and everything drawn from it (tree views, status bar, report), and the context keys
// that decide which commands the palette shows.

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexChangedNotification, IndexProgressNotification, type IndexProgressParams } from '../../server/src/protocol';
import { createClient } from './client';
import * as config from './config';
import { CoverageStatusBar, type ServerStatus } from './statusBar';
import { CoverageStore, indexingTotals, type Snapshot } from './store';
import { COVERAGE_VIEW, CoverageTreeProvider, type CoverageElement } from './views/coverageTree';
import { ReportPanel } from './views/report';
import { REVIEW_VIEW, ReviewScheduleProvider, type ReviewElement } from './views/reviewSchedule';

/** Context keys used in package.json `when` clauses. */
const KEY = {
  /** starting | running | stopped */
  status: 'complianceDocs.serverStatus',
  hasProgram: 'complianceDocs.hasProgram',
  gapsOnly: 'complianceDocs.gapsOnly',
} as const;

const GAPS_ONLY_STATE = 'complianceDocs.gapsOnly';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly store: CoverageStore;
  readonly coverage: CoverageTreeProvider;
  readonly schedule: ReviewScheduleProvider;
  readonly report: ReportPanel;
  readonly statusBar: CoverageStatusBar;
  private readonly coverageView: vscode.TreeView<CoverageElement>;
  private readonly scheduleView: vscode.TreeView<ReviewElement>;
  private client: LanguageClient | undefined;
  private status: ServerStatus = 'starting';
  private crashCount = 0;
  /** The pid of the server process that last reached Running, for the crash message. */
  private runningPid: number | undefined;
  private restartingAfterCrash = false;
  private readonly disposables: vscode.Disposable[] = [];
  private programFound = false;

  /** True once the server found a config or a document in some folder. */
  get hasProgram(): boolean {
    return this.programFound;
  }

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Compliance Docs', { log: true });
    this.store = new CoverageStore(() => this.client);
    this.coverage = new CoverageTreeProvider(this.store);
    this.schedule = new ReviewScheduleProvider(this.store);
    this.report = new ReportPanel(this.store, vscode.Uri.joinPath(extension.extensionUri, 'images', 'shield.svg'), () => vscode.commands.executeCommand('complianceDocs.exportReport'));
    this.statusBar = new CoverageStatusBar();
    this.coverageView = vscode.window.createTreeView(COVERAGE_VIEW, { treeDataProvider: this.coverage, showCollapseAll: true });
    this.scheduleView = vscode.window.createTreeView(REVIEW_VIEW, { treeDataProvider: this.schedule });
    this.disposables.push(this.output, this.store, this.coverage, this.schedule, this.report, this.statusBar, this.coverageView, this.scheduleView);

    this.disposables.push(
      this.store.onDidChange((snapshot) => this.onSnapshot(snapshot)),
      this.store.onDidChangeProgress(() => {
        this.coverageView.message = this.coverage.message();
        this.updateStatusBar();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The server hears about its own settings through the language client; these are ours.
        if (config.affectsUs(e)) this.updateStatusBar();
      }),
    );
    this.setGapsOnly(extension.workspaceState.get<boolean>(GAPS_ONLY_STATE, false));
  }

  /** Indexing progress notifications received from the server, oldest first (for the extension's API). */
  readonly progressSeen: IndexProgressParams[] = [];

  private updateStatusBar(): void {
    const snapshot = this.store.snapshot;
    const indexing = (snapshot?.coverage.folders ?? []).filter((f) => !f.complete);
    this.statusBar.update(snapshot, this.status, indexingTotals(this.store, indexing));
  }

  /** Shows the coverage view and selects the first of these criteria it shows (a code lens's command). */
  async revealCriteria(ids: readonly string[], uri?: string): Promise<boolean> {
    await vscode.commands.executeCommand(`${COVERAGE_VIEW}.focus`);
    for (const id of ids) {
      const element = this.coverage.criterionElement(id, uri);
      if (!element) continue;
      await this.coverageView.reveal(element, { select: true, focus: true, expand: true });
      return true;
    }
    return false;
  }

  /** Shows the review schedule view. */
  async revealReviewSchedule(): Promise<void> {
    await vscode.commands.executeCommand(`${REVIEW_VIEW}.focus`);
  }

  /** The criteria the coverage view has selected, for the extension's API. */
  selectedCriteria(): string[] {
    return this.coverageView.selection.flatMap((e) => (e.kind === 'criterion' ? [e.criterion.id] : []));
  }

  /** Starts the language server, unless nothing in the workspace is on disk (a virtual workspace). */
  async start(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length > 0 && folders.every((f) => f.uri.scheme !== 'file')) {
      this.output.info('This workspace is not on disk (a virtual workspace): snippets and highlighting work; checks and coverage need a local clone.');
      this.setStatus('unavailable');
      return;
    }
    const client = createClient({ context: this.extension, output: this.output, onCrash: (restarting) => this.onCrash(restarting) });
    this.client = client;
    this.disposables.push(
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.setStatus('running');
        else if (newState === State.Starting) this.setStatus('starting');
        else this.setStatus('stopped');
      }),
      // Registered once; the client re-attaches it to every new connection after a restart.
      client.onNotification(IndexChangedNotification, () => this.refresh()),
      client.onNotification(IndexProgressNotification, (p) => {
        this.progressSeen.push(p);
        if (this.progressSeen.length > 200) this.progressSeen.shift();
        this.store.setProgress(p);
      }),
    );
    this.setStatus('starting');
    try {
      await client.start();
      this.output.info(`Server started (pid ${this.serverPid() ?? 'unknown'}).`);
    } catch (e) {
      this.output.error(`The server did not start: ${e instanceof Error ? e.message : String(e)}`);
      this.setStatus('stopped');
      void vscode.window.showErrorMessage('The compliance-docs server did not start. The "Compliance Docs" output has the details.', 'Show Output').then((choice) => {
        if (choice) this.output.show(true);
      });
    }
  }

  async restart(): Promise<void> {
    const client = this.client;
    if (!client) return this.start();
    this.output.info('Restarting the server.');
    this.store.clear();
    try {
      // A client that gave up after repeated crashes, or never started, has nothing to stop.
      if (client.needsStop()) await client.restart();
      else await client.start();
      this.output.info(`Server restarted (pid ${this.serverPid() ?? 'unknown'}).`);
    } catch (e) {
      this.output.error(`The server did not restart: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('The compliance-docs server did not restart. The "Compliance Docs" output has the details.');
    }
  }

  /** The client when it can answer requests; otherwise says why not and returns undefined. */
  runningClient(): LanguageClient | undefined {
    if (this.client?.isRunning()) return this.client;
    void vscode.window.showWarningMessage('The compliance-docs server is not running. Run "Compliance: Restart Server" and try again.');
    return undefined;
  }

  serverPid(): number | undefined {
    return this.client?.serverProcess?.pid;
  }

  get serverStatus(): ServerStatus {
    return this.status;
  }

  get crashes(): number {
    return this.crashCount;
  }

  refresh(): Promise<void> {
    return this.store.refresh().catch((e: unknown) => {
      // A request cut off by a crash or restart; the next index change fetches again.
      if (this.client?.isRunning()) this.output.warn(`Could not fetch coverage: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  setGapsOnly(value: boolean): void {
    this.coverage.setGapsOnly(value);
    void this.extension.workspaceState.update(GAPS_ONLY_STATE, value);
    void vscode.commands.executeCommand('setContext', KEY.gapsOnly, value);
    this.coverageView.title = value ? 'Coverage: Gaps' : 'Coverage';
    this.coverageView.message = this.coverage.message();
  }

  /** Ids of the documents we know, with where each lives, to warn before a duplicate is created. */
  knownIds(): Map<string, string> {
    const ids = new Map<string, string>();
    const snapshot = this.store.snapshot;
    if (!snapshot) return ids;
    const add = (id: string, uri: string): void => {
      if (!ids.has(id)) ids.set(id, vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    };
    for (const item of snapshot.schedule.items) add(item.id, item.uri);
    for (const f of snapshot.coverage.folders) for (const c of f.categories) for (const s of c.series) for (const k of s.criteria) for (const d of k.documents) add(d.id, d.uri);
    return ids;
  }

  private onSnapshot(snapshot: Snapshot | undefined): void {
    this.coverageView.message = this.coverage.message();
    const folders = snapshot?.coverage.folders ?? [];
    const hasProgram = folders.some((f) => f.documentCount > 0 || f.configUri !== undefined);
    this.programFound = hasProgram;
    void vscode.commands.executeCommand('setContext', KEY.hasProgram, hasProgram);
    const overdue = snapshot?.schedule.items.filter((i) => i.state === 'overdue' || i.state === 'missing').length ?? 0;
    this.scheduleView.badge = overdue > 0 ? { value: overdue, tooltip: `${overdue} document${overdue === 1 ? '' : 's'} overdue for review or never reviewed` } : undefined;
    this.updateStatusBar();
  }

  private setStatus(status: ServerStatus): void {
    const was = this.status;
    this.status = status;
    void vscode.commands.executeCommand('setContext', KEY.status, status);
    if (status === 'running' && was !== 'running') {
      this.runningPid = this.serverPid();
      if (this.restartingAfterCrash) this.output.info(`Server running again (pid ${this.runningPid ?? 'unknown'}).`);
      this.restartingAfterCrash = false;
      void this.refresh();
    }
    if (status !== 'running') this.store.clear();
    else this.updateStatusBar();
  }

  private onCrash(restarting: boolean): void {
    this.crashCount++;
    this.restartingAfterCrash = restarting;
    const which = this.runningPid ? ` (pid ${this.runningPid})` : '';
    if (restarting) this.output.warn(`The server process${which} stopped unexpectedly; restarting it.`);
    else this.output.error(`The server process${which} stopped unexpectedly again; it is not restarted after ${this.crashCount} stops.`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }

  /** Stops the server; VS Code waits for this on deactivation. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) await client.stop();
  }
}
