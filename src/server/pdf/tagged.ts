/**
 * The structure tree of a tagged PDF (PDF/UA's way of making a document readable aloud and
 * reflowable), built in reading order while the document is written: `tag` wraps what one
 * element writes (a heading, a paragraph, a table cell), `begin`/`finish` hold elements that
 * hold others (a section, a table, a row), and `artifact` marks what only decorates (bands,
 * rules, page numbers), which readers skip. Content that is neither is an error in a tagged PDF.
 * The document must be created with `tagged: true`.
 */
export type StructureOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column' };

export function structureTree(pdf: PDFKit.PDFDocument) {
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const open: PDFKit.PDFStructureElement[] = [root];
  const current = () => open[open.length - 1]!;
  return {
    /** Adds an element under the one open; what `draw` writes is its content. */
    tag(type: string, draw: () => void, options: StructureOptions = {}): void {
      current().add(pdf.struct(type, options, draw));
    },
    /** Opens an element that holds others, until `finish`. */
    begin(type: string): void {
      const element = pdf.struct(type);
      current().add(element);
      open.push(element);
    },
    finish(): void {
      if (open.length === 1) throw new Error('No structure element is open.');
      open.pop()!.end();
    },
    /** What only decorates; `Pagination` for running headers, footers and page numbers. */
    artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
      pdf.markContent('Artifact', { type });
      draw();
      pdf.endMarkedContent();
    },
    /** Closes the tree; before `pdf.end()`. */
    end(): void {
      if (open.length !== 1) throw new Error(`${open.length - 1} structure element(s) left open.`);
      root.end();
    },
  };
}
