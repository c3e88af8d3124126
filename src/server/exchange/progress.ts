/** A one-line progress bar on a terminal (stderr), redrawn at most ten times a second; silent elsewhere. */
export interface ProgressBar {
  update(label: string, done: number, total: number, unit?: 'bytes' | 'records' | 'rows'): void;
  finish(): void;
}

const WIDTH = 28;

const number = new Intl.NumberFormat('en-GB');
const amount = (n: number, unit: 'bytes' | 'records' | 'rows') => (unit === 'bytes' ? `${(n / 1_048_576).toFixed(1)} MB` : `${number.format(n)} ${unit}`);

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  let shown = false;
  let lastLabel = '';
  return {
    update(label, done, total, unit = 'records') {
      const now = Date.now();
      const complete = total > 0 && done >= total;
      if (label === lastLabel && !complete && now - last < 100) return;
      last = now;
      lastLabel = label;
      let line: string;
      if (total > 0) {
        const share = Math.min(1, done / total);
        const filled = Math.round(share * WIDTH);
        line = `${label.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${amount(done, unit)} of ${amount(total, unit)}`;
      } else {
        line = `${label.padEnd(9)} ${amount(done, unit)}`;
      }
      stream.write(`\r\u001b[K${line}`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
