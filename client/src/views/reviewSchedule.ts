// The review schedule: approved documents by next review date, overdue first, with relative dates.

import * as vscode from 'vscode';
import type { ReviewItem } from '../../../server/src/protocol';
import { daysBetween, dueText } from '../relativeDate';
import type { CoverageStore } from '../store';

export const REVIEW_VIEW = 'complianceDocs.reviewSchedule';

export interface ReviewElement {
  readonly item: ReviewItem;
  readonly today: string;
}

const LOOKS: Readonly<Record<ReviewItem['state'], { icon: string; color?: string }>> = {
  missing: { icon: 'question', color: 'charts.orange' },
  overdue: { icon: 'error', color: 'charts.red' },
  'due-soon': { icon: 'clock', color: 'charts.yellow' },
  current: { icon: 'pass', color: 'charts.green' },
  future: { icon: 'calendar', color: 'charts.orange' },
};

export function reviewDescription(item: ReviewItem, today: string): string {
  switch (item.state) {
    case 'missing':
      return 'never reviewed: add last_reviewed';
    case 'future':
      return item.lastReviewed ? `reviewed ${item.lastReviewed}, after today: check the date` : 'review date after today';
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
    if (element) return [];
    const schedule = this.store.snapshot?.schedule;
    return schedule ? schedule.items.map((item) => ({ item, today: schedule.today })) : [];
  }

  getTreeItem({ item, today }: ReviewElement): vscode.TreeItem {
    const uri = vscode.Uri.parse(item.uri);
    const tree = new vscode.TreeItem(`${item.id} ${item.title}`, vscode.TreeItemCollapsibleState.None);
    tree.id = item.uri;
    tree.description = reviewDescription(item, today);
    const look = LOOKS[item.state];
    tree.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const lines = [`${item.id} (${item.type}): ${item.title}`];
    lines.push(item.lastReviewed ? `Last reviewed ${item.lastReviewed}, ${item.cycle} cycle` : `No last_reviewed date; ${item.cycle} cycle`);
    if (item.due) lines.push(`Next review due ${item.due} (${tree.description})`);
    lines.push(vscode.workspace.asRelativePath(uri));
    tree.tooltip = lines.join('\n');
    tree.command = { title: 'Open Document', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(item.line, 0, item.line, 0) }] };
    tree.contextValue = `review.${item.state}`;
    return tree;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
