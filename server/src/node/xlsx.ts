// The matrix as an xlsx workbook, one sheet per table (exceljs). Bundled on its own (dist/xlsx.js)
// and loaded only when asked for, so the check and the server start without it.

import ExcelJS from 'exceljs';
import { tablesOf } from '../core/report/coverage';
import type { AuditMatrix } from '../core/report/matrix';

/** Excel holds at most 32,767 characters in a cell and no control characters but tab and line breaks. */
const MAX_CELL = 32_767;

function cellText(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return clean.length > MAX_CELL ? `${clean.slice(0, MAX_CELL - 1)}…` : clean;
}

/** Text a spreadsheet would run as a formula stays text: exceljs writes strings as strings, never as formulas. */
export async function matrixXlsx(m: AuditMatrix, title: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'compliance-docs';
  book.title = title;
  book.created = new Date(`${m.today}T00:00:00Z`);
  book.modified = book.created;
  for (const { table, rows } of tablesOf(m)) {
    const sheet = book.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((header) => ({ header, key: header, width: Math.min(60, Math.max(12, header.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row.map(cellText));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
