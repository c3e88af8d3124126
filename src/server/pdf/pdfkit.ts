import { onFirstUse } from '../on-first-use.js';

/** pdfkit's document class, loaded when a PDF is first written. */
export const loadPdfKit = onFirstUse(() => import('pdfkit'));
