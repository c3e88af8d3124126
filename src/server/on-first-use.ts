/**
 * A library loaded when a request first needs it, and only once. The document libraries
 * (charts, PDFs, workbooks, images) are large: a server that produces no document does not hold
 * them in memory. A CommonJS library's exports come as the module's default.
 */
export function onFirstUse<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load().then((mod) => mod.default ?? (mod as unknown as T)));
}
