// The review schedule: approved documents grouped as overdue, due soon and later, by next review date,
// with their owner and relative dates; documents whose frontmatter is missing or broken in a group of
// their own, with the reason, so none is silently left out.

import * as vscode from 'vscode';
import type { ReviewItem } from '../../../server/src/protocol';
import { daysBetween, dueText } from '../relativeDate';
import type { CoverageStore } from '../store';

export const REVIEW_VIEW = 'complianceDocs.reviewSchedule';

export type ReviewGroupId = 'overdue' | 'due-soon' | 'later' | 'future' | 'unreadable';

export type ReviewElement =
  | { readonly kind: 'group'; readonly group: ReviewGroupId; readonly items: readonly ReviewItem[]; readonly today: string }
  | { readonly kind: 'document'; readonly item: ReviewItem; readonly today: string };

/** The groups in the order shown; a group with no document is not shown. */
const GROUPS: ReadonlyArray<{ readonly id: ReviewGroupId; readonly label: string; readonly states: readonly ReviewItem['state'][]; readonly icon: string; readonly color: string; readonly meaning: string }> = [
  { id: 'overdue', label: 'Overdue', states: ['missing', 'overdue'], icon: 'error', color: 'charts.red', meaning: 'Past their review date, or never reviewed: review them and record the date.' },
  { id: 'due-soon', label: 'Due soon', states: ['due-soon'], icon: 'clock', color: 'charts.yellow', meaning: 'Due within review.due_soon_days.' },
  { id: 'later', label: 'Later', states: ['current'], icon: 'pass', color: 'charts.green', meaning: 'Reviewed within their cycle.' },
  { id: 'future', label: 'Review date after today', states: ['future'], icon: 'calendar', color: 'charts.orange', meaning: 'last_reviewed is after today: check the date.' },
  {
    id: 'unreadable',
    label: 'Frontmatter missing or broken',
    states: ['unreadable'],
    icon: 'warning',
    color: 'charts.orange',
    meaning: 'Their status and review date cannot be read, so they are not scheduled: fix the frontmatter.',
  },
];

const LOOKS: Readonly<Record<ReviewItem['state'], { icon: string; color?: string }>> = {
  missing: { icon: 'question', color: 'charts.orange' },
  overdue: { icon: 'error', color: 'charts.red' },
  'due-soon': { icon: 'clock', color: 'charts.yellow' },
  current: { icon: 'pass', color: 'charts.green' },
  future: { icon: 'calendar', color: 'charts.orange' },
  unreadable: { icon: 'warning', color: 'charts.orange' },
};

export function reviewDescription(item: ReviewItem, today: string): string {
  switch (item.state) {
    case 'missing':
      return 'never reviewed: add last_reviewed';
    case 'future':
      return item.lastReviewed ? `reviewed ${item.lastReviewed}, after today: check the date` : 'review date after today';
    case 'unreadable':
      return item.reason ?? 'frontmatter missing or broken';
    default:
      return item.daysLeft !== undefined ? dueText(item.daysLeft) : item.due ? dueText(daysBetween(today, item.due)) : '';
  }
}

export class ReviewScheduleProvider implements vscode.TreeDataProvider<ReviewElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: CoverageStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: ReviewElement): ReviewElement[] {
    if (element?.kind === 'document') return [];
    const schedule = this.store.snapshot?.schedule;
    if (!schedule) return [];
    if (element) return element.items.map((item) => ({ kind: 'document', item, today: element.today }));
    const out: ReviewElement[] = [];
    for (const g of GROUPS) {
      const items = schedule.items.filter((i) => g.states.includes(i.state));
      if (items.length > 0) out.push({ kind: 'group', group: g.id, items, today: schedule.today });
    }
    return out;
  }

  getParent(element: ReviewElement): ReviewElement | undefined {
    if (element.kind === 'group') return undefined;
    return this.getChildren().find((g) => g.kind === 'group' && g.items.some((i) => i.uri === element.item.uri));
  }

  getTreeItem(element: ReviewElement): vscode.TreeItem {
    if (element.kind === 'group') return groupItem(element.group, element.items.length);
    const { item, today } = element;
    const uri = vscode.Uri.parse(item.uri);
    const tree = new vscode.TreeItem(`${item.id} ${item.title}`, vscode.TreeItemCollapsibleState.None);
    tree.id = item.uri;
    const when = reviewDescription(item, today);
    // The owner first: it is what a reviewer scans for, and the description is cut from its end.
    tree.description = `${item.owner ?? 'no owner'} · ${when}`;
    const look = LOOKS[item.state];
    tree.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const lines = [`${item.id} (${item.type}): ${item.title}`, item.owner ? `Owner: ${item.owner}` : 'No owner: add owner to the frontmatter'];
    if (item.state === 'unreadable') lines.push(when);
    else lines.push(item.lastReviewed ? `Last reviewed ${item.lastReviewed}, ${item.cycle} cycle` : `No last_reviewed date; ${item.cycle} cycle`);
    if (item.due) lines.push(`Next review due ${item.due} (${when})`);
    lines.push(vscode.workspace.asRelativePath(uri));
    tree.tooltip = lines.join('\n');
    tree.accessibilityInformation = { label: `${item.id} ${item.title}, ${item.owner ? `owner ${item.owner}` : 'no owner'}, ${when}` };
    tree.command = { title: 'Open Document', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(item.line, 0, item.line, 0) }] };
    tree.contextValue = `review.${item.state}`;
    return tree;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function groupItem(id: ReviewGroupId, count: number): vscode.TreeItem {
  const g = GROUPS.find((x) => x.id === id) ?? GROUPS[0];
  const item = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `review-group#${g.id}`;
  item.description = `${count}`;
  item.iconPath = new vscode.ThemeIcon(g.icon, new vscode.ThemeColor(g.color));
  item.tooltip = `${g.label}: ${count} document${count === 1 ? '' : 's'}. ${g.meaning}`;
  item.accessibilityInformation = { label: `${g.label}, ${count} document${count === 1 ? '' : 's'}` };
  item.contextValue = `reviewGroup.${g.id}`;
  return item;
}
