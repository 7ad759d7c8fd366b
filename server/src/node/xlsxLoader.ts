// Loads dist/xlsx.js beside the running bundle: the workbook writer is large and rarely needed.

import * as path from 'node:path';
import type { AuditMatrix } from '../core/report/matrix';

type XlsxModule = { matrixXlsx(m: AuditMatrix, title: string): Promise<Uint8Array> };

export async function writeMatrixXlsx(m: AuditMatrix, title: string): Promise<Uint8Array> {
  const file = path.join(__dirname, 'xlsx.js');
  // A computed path keeps the bundler from inlining the module.
  const mod = require(file) as XlsxModule;
  return mod.matrixXlsx(m, title);
}
