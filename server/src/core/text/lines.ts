// Offsets <-> zero-based line/character positions. Characters are UTF-16 code units, which is what
// LSP and SARIF (columnKind utf16CodeUnits) count, and what JavaScript string indices are.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Offsets at which each line starts. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

export function positionIn(starts: readonly number[], length: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

export function rangeIn(starts: readonly number[], length: number, span: { start: number; end: number }): Range {
  return { start: positionIn(starts, length, span.start), end: positionIn(starts, length, span.end) };
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = computeLineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    return positionIn(this.starts, this.text.length, offset);
  }

  rangeOf(span: { start: number; end: number }): Range {
    return rangeIn(this.starts, this.text.length, span);
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of the line's content, before `\r\n` or `\n`. */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
