import { onFirstUse } from '../on-first-use.js';

/** exceljs, loaded when a workbook is first read or written. */
export const loadExcel = onFirstUse(() => import('exceljs'));
