import type PDFDocument from 'pdfkit';

export type PDFDocumentClass = typeof PDFDocument;

let pdfkit: Promise<PDFDocumentClass> | undefined;

/** pdfkit's document class. Loaded on first use, so that a server that writes no PDF does not hold pdfkit in memory. */
export function loadPdfKit(): Promise<PDFDocumentClass> {
  return (pdfkit ??= import('pdfkit').then((mod) => mod.default ?? mod));
}
