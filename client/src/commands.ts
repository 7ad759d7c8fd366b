// Each command is a small factory over the context: it reads what it needs from ctx when it runs, so
// a restarted server or a changed setting is picked up without re-registering anything.

import * as vscode from 'vscode';
import {
  InitConfigRequest,
  MarkReviewedRequest,
  NewDocumentRequest,
  ReportRequest,
  type NewDocumentParams,
  type ReportFormat,
} from '../../server/src/protocol';
import type { Ctx } from './ctx';
import type { CoverageElement } from './views/coverageTree';
import type { ReviewElement } from './views/reviewSchedule';

export type Command = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: Ctx) => Command;

type DocumentKind = NewDocumentParams['type'];

/** Arguments a caller (a keybinding, a test, another extension) may pass to skip the prompts. */
export interface NewDocumentArgs {
  readonly id?: string;
  readonly title?: string;
  readonly criteria?: readonly string[];
  readonly folder?: vscode.Uri;
}

export interface ExportArgs {
  readonly format?: Exclude<ReportFormat, 'json'>;
  readonly uri?: vscode.Uri;
  readonly folder?: vscode.Uri;
}

const EXPORT_FORMATS: readonly { label: string; description: string; format: Exclude<ReportFormat, 'json'>; filter: string }[] = [
  { label: 'Markdown', description: 'traceability matrix for the audit binder or a pull request', format: 'md', filter: 'Markdown' },
  { label: 'CSV', description: 'one row per evidence item of each criterion and document, for a spreadsheet', format: 'csv', filter: 'CSV' },
  { label: 'HTML', description: 'a standalone, printable page with the period calendar, to send to the auditor', format: 'html', filter: 'HTML' },
  { label: 'Excel workbook', description: 'one sheet per table: matrix, period calendar, documents not counted, legend', format: 'xlsx', filter: 'Excel workbook' },
];

const KIND_LABEL: Readonly<Record<DocumentKind, { noun: string; example: string }>> = {
  policy: { noun: 'policy', example: 'POL-PRIVACY' },
  control: { noun: 'control', example: 'AC-04' },
  procedure: { noun: 'procedure', example: 'PROC-INCIDENT' },
};

const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The workspace folder a command acts on: the given one, the active editor's, the only one, or asked. */
async function pickFolder(given?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (given) return vscode.workspace.getWorkspaceFolder(given);
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  return own ?? vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which compliance repository?' });
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const refresh: CommandFactory = (ctx) => () => ctx.refresh();

export const showGapsOnly: CommandFactory = (ctx) => () => ctx.setGapsOnly(true);

export const showAllCriteria: CommandFactory = (ctx) => () => ctx.setGapsOnly(false);

export const showReport: CommandFactory = (ctx) => () => ctx.report.show();

export const showOutput: CommandFactory = (ctx) => () => ctx.output.show(true);

export const restartServer: CommandFactory = (ctx) => () => ctx.restart();

export const openEvidence: CommandFactory = () => async (target: unknown) => {
  if (typeof target !== 'string') return;
  const uri = vscode.Uri.parse(target);
  if (uri.scheme === 'http' || uri.scheme === 'https') await vscode.env.openExternal(uri);
  else await vscode.commands.executeCommand('vscode.open', uri);
};

/** Exports the coverage report through the server (the CLI's writers); returns where it was written. */
export const exportReport: CommandFactory = (ctx) => async (raw: unknown) => {
  const args: ExportArgs = isObject(raw) ? (raw as ExportArgs) : {};
  const client = ctx.runningClient();
  if (!client) return undefined;
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const choice = args.format
    ? EXPORT_FORMATS.find((f) => f.format === args.format)
    : await vscode.window.showQuickPick(EXPORT_FORMATS, { title: 'Export Coverage Report', placeHolder: 'Format' });
  if (!choice) return undefined;
  const report = await client.sendRequest(ReportRequest, { folder: folder.uri.toString(), format: choice.format });
  const today = ctx.store.snapshot?.coverage.folders.find((f) => f.uri === folder.uri.toString())?.today ?? localToday();
  const target =
    args.uri ??
    (await vscode.window.showSaveDialog({
      title: 'Export Coverage Report',
      defaultUri: vscode.Uri.joinPath(folder.uri, `soc2-coverage-${today}.${choice.format}`),
      filters: { [choice.filter]: [choice.format] },
      saveLabel: 'Export',
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, report.encoding === 'base64' ? Buffer.from(report.content, 'base64') : new TextEncoder().encode(report.content));
  ctx.output.info(`Exported the ${choice.label} coverage report of ${report.folderName} to ${target.toString(true)}.`);
  void vscode.window.showInformationMessage(`Exported the coverage report to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((open) => {
    if (open) void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
};

/** Asks for an id and a title, has the server fill in the template, and opens the new file. */
function newDocument(kind: DocumentKind): CommandFactory {
  return (ctx) => async (raw: unknown) => {
    const args: NewDocumentArgs = isObject(raw) ? (raw as NewDocumentArgs) : {};
    const client = ctx.runningClient();
    if (!client) return undefined;
    const folder = await pickFolder(args.folder);
    if (!folder) return undefined;
    const { noun, example } = KIND_LABEL[kind];
    const taken = ctx.knownIds();
    const id =
      args.id ??
      (await vscode.window.showInputBox({
        title: `New ${noun} (1 of 2)`,
        prompt: `The ${noun}'s id, used in criteria mappings and references`,
        placeHolder: example,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const v = value.trim();
          if (!v) return 'Enter an id.';
          if (!ID_SHAPE.test(v)) return `Use letters, digits, dots, dashes and underscores, for example ${example}.`;
          const owner = taken.get(v);
          return owner ? `${v} is already the id of ${owner}. Choose another.` : undefined;
        },
      }));
    if (!id?.trim()) return undefined;
    const title =
      args.title ??
      (await vscode.window.showInputBox({
        title: `New ${noun} (2 of 2)`,
        prompt: `The ${noun}'s title`,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'Enter a title.'),
      }));
    if (!title?.trim()) return undefined;
    const result = await client.sendRequest(NewDocumentRequest, {
      folder: folder.uri.toString(),
      type: kind,
      id: id.trim(),
      title: title.trim(),
      ...(args.criteria ? { criteria: [...args.criteria] } : {}),
    });
    const uri = vscode.Uri.parse(result.uri);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (exists) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} already exists. Choose another id.`);
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.content));
    await vscode.window.showTextDocument(uri);
    return uri;
  };
}

export const newPolicy = newDocument('policy');
export const newControl = newDocument('control');
export const newProcedure = newDocument('procedure');

/** From a gap in the coverage tree: a new control that already maps the criterion. */
export const newControlForCriterion: CommandFactory = (ctx) => async (element: unknown, more: unknown) => {
  const node = element as CoverageElement | undefined;
  const args: NewDocumentArgs = isObject(more) ? (more as NewDocumentArgs) : {};
  if (node?.kind !== 'criterion') return newControl(ctx)(args);
  return newControl(ctx)({ ...args, criteria: [node.criterion.id], folder: vscode.Uri.parse(node.folder.uri) } satisfies NewDocumentArgs);
};

/** Sets last_reviewed to today in the active editor's document (or the one picked in the schedule). */
export const markReviewed: CommandFactory = (ctx) => async (target: unknown) => {
  const client = ctx.runningClient();
  if (!client) return false;
  const fromView = isObject(target) && isObject(target.item) && typeof target.item.uri === 'string' ? vscode.Uri.parse((target as unknown as Extract<ReviewElement, { kind: 'document' }>).item.uri) : undefined;
  const uri = target instanceof vscode.Uri ? target : (fromView ?? vscode.window.activeTextEditor?.document.uri);
  if (!uri) {
    void vscode.window.showWarningMessage('Open a policy, procedure or control first, then mark it reviewed.');
    return false;
  }
  const edit = await client.sendRequest(MarkReviewedRequest, { uri: uri.toString() });
  if (!edit) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} has no frontmatter to record a review in. Add frontmatter first (the quick fix on its first line adds a skeleton).`);
    return false;
  }
  const applied = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
  if (!applied) {
    void vscode.window.showErrorMessage(`Could not update ${vscode.workspace.asRelativePath(uri)}: the file changed while the edit was prepared. Try again.`);
    return false;
  }
  // From the schedule the document may not be open: show it so the change can be seen and saved.
  if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) await vscode.window.showTextDocument(uri);
  vscode.window.setStatusBarMessage(`Marked ${vscode.workspace.asRelativePath(uri)} reviewed today.`, 5000);
  return true;
};

/** A code lens's command: shows the coverage view with the first of the given criteria selected. */
export const showCoverage: CommandFactory = (ctx) => async (...ids: unknown[]) => {
  const criteria = ids.filter((id): id is string => typeof id === 'string');
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  return ctx.revealCriteria(criteria, uri);
};

/** A code lens's command: shows the review schedule. */
export const showReviewSchedule: CommandFactory = (ctx) => async () => {
  await ctx.revealReviewSchedule();
  return true;
};

/**
 * Opens the folder's compliance-docs.yml, or creates it as `compliance-docs init` would: the config
 * that reads the documents already there, or a starter config, policy and control. Overwrites nothing.
 */
export const openOrCreateConfig: CommandFactory = (ctx) => async () => {
  const client = ctx.runningClient();
  if (!client) return undefined;
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('Open the folder that holds your policies and controls first.');
    return undefined;
  }
  let result;
  try {
    result = await client.sendRequest(InitConfigRequest, { folder: folder.uri.toString() });
  } catch (e) {
    void vscode.window.showErrorMessage(`compliance-docs.yml was not created: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if ('existing' in result) {
    const uri = vscode.Uri.parse(result.existing);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
  for (const f of result.files) {
    const uri = vscode.Uri.parse(f.uri);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (exists) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} already exists; nothing more was written.`);
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(f.content));
  }
  const config = vscode.Uri.parse(result.files[0].uri);
  for (const line of result.found) ctx.output.info(line);
  await vscode.window.showTextDocument(config);
  void vscode.window.showInformationMessage(
    result.detected
      ? 'Created compliance-docs.yml to read the documents found (the Compliance Docs output lists them). Add an audit period and not_applicable entries as your scope requires.'
      : 'Created compliance-docs.yml, an access control policy and a control to start from. Fill in the owners and map your own documents.',
  );
  return config;
};

/** Shows only the criteria that need work, in the coverage view. */
export const showGaps: CommandFactory = (ctx) => async () => {
  ctx.setGapsOnly(true);
  await vscode.commands.executeCommand('complianceDocs.coverage.focus');
  return true;
};

/** Command ids and their factories; package.json declares the same ids. */
export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'complianceDocs.refresh': refresh,
  'complianceDocs.showGapsOnly': showGapsOnly,
  'complianceDocs.showAllCriteria': showAllCriteria,
  'complianceDocs.showReport': showReport,
  'complianceDocs.exportReport': exportReport,
  'complianceDocs.newPolicy': newPolicy,
  'complianceDocs.newControl': newControl,
  'complianceDocs.newProcedure': newProcedure,
  'complianceDocs.newControlForCriterion': newControlForCriterion,
  'complianceDocs.markReviewed': markReviewed,
  'complianceDocs.restartServer': restartServer,
  'complianceDocs.showOutput': showOutput,
  'complianceDocs.openEvidence': openEvidence,
  'complianceDocs.showCoverage': showCoverage,
  'complianceDocs.showReviewSchedule': showReviewSchedule,
  'complianceDocs.openOrCreateConfig': openOrCreateConfig,
  'complianceDocs.showGaps': showGaps,
};
