// The part of unzipper (0.10) that read-xlsx.ts uses: a zip opened by its central directory.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  interface Entry {
    path: string;
    type: 'Directory' | 'File';
    uncompressedSize: number;
    stream(password?: string): Readable;
  }
  interface CentralDirectory {
    files: Entry[];
  }
  const unzipper: {
    Open: {
      file(path: string): Promise<CentralDirectory>;
      buffer(data: Buffer): Promise<CentralDirectory>;
    };
  };
  export default unzipper;
}
