import type ExcelJS from 'exceljs';

export type ExcelJSModule = typeof ExcelJS;

let exceljs: Promise<ExcelJSModule> | undefined;

/** exceljs. Loaded on first use, so that a server that reads or writes no workbook does not hold exceljs in memory. */
export function loadExcel(): Promise<ExcelJSModule> {
  return (exceljs ??= import('exceljs').then((mod) => mod.default ?? mod));
}
