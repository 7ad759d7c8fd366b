// What the extension returns from activate(): enough for another extension, or the extension tests,
// to read what the views show and to see the server's process.

import type * as vscode from 'vscode';
import type { IndexProgressParams } from '../../server/src/protocol';
import type { ServerStatus } from './statusBar';
import type { Snapshot } from './store';
import type { CoverageElement } from './views/coverageTree';
import type { ReviewElement } from './views/reviewSchedule';

export interface ComplianceDocsApi {
  readonly coverageTree: vscode.TreeDataProvider<CoverageElement>;
  readonly reviewSchedule: vscode.TreeDataProvider<ReviewElement>;
  /** The latest coverage and review schedule the views show; undefined until the first answer. */
  snapshot(): Snapshot | undefined;
  statusBarText(): string;
  /** What a screen reader hears for the status bar item, and its background colour id if any. */
  statusBarAccessibility(): { readonly label: string | undefined; readonly background: string | undefined };
  /** The status bar item's tooltip (markdown source). */
  statusBarTooltip(): string | undefined;
  /** The complianceDocs.hasProgram context key: the views show only where a program exists. */
  hasProgram(): boolean;
  serverStatus(): ServerStatus;
  /** The language server's process id while it runs. */
  serverPid(): number | undefined;
  /** How many times the server process died and was restarted. */
  serverCrashes(): number;
  /** True while the coverage report webview is open and visible. */
  reportVisible(): boolean;
  /** The page the coverage report webview shows, while it is open. */
  reportHtml(): string | undefined;
  /** The criteria selected in the coverage view. */
  selectedCriteria(): string[];
  /** The indexing progress notifications received from the server, oldest first (the last 200). */
  indexProgress(): readonly IndexProgressParams[];
  /** The message the coverage view shows above its tree (indexing progress, no gaps), if any. */
  coverageMessage(): string | undefined;
}
