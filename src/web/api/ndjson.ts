/** Cuts newline-delimited JSON into events as it arrives: `push` takes the text so far, returns the new complete lines. */
export function ndjsonReader<T>() {
  let used = 0;
  return {
    push(text: string, final = false): T[] {
      const events: T[] = [];
      for (;;) {
        const end = text.indexOf('\n', used);
        if (end < 0) break;
        const line = text.slice(used, end).trim();
        used = end + 1;
        if (line) events.push(JSON.parse(line) as T);
      }
      if (final && text.slice(used).trim()) {
        events.push(JSON.parse(text.slice(used)) as T);
        used = text.length;
      }
      return events;
    },
  };
}
