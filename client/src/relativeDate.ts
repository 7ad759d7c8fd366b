// "overdue by 12 days", "due in 3 weeks": review dates as people say them.

function span(days: number): string {
  const n = Math.abs(days);
  const unit = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (n < 21) return unit(n, 'day');
  if (n < 60) return unit(Math.round(n / 7), 'week');
  if (n < 365) return unit(Math.round(n / 30.44), 'month');
  return unit(Math.round(n / 365.25), 'year');
}

/** `daysLeft` is negative when the date has passed. */
export function dueText(daysLeft: number): string {
  if (daysLeft === 0) return 'due today';
  return daysLeft < 0 ? `overdue by ${span(daysLeft)}` : `due in ${span(daysLeft)}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
