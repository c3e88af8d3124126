/** The limits the server enforces (attachments.service.ts), checked first so the message comes at once. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

export type FileProblem = 'too_large' | 'wrong_type' | 'empty';

/** Why a chosen file will not be accepted, or null. The type is known by the browser or from the name. */
export function fileProblem(file: { name: string; size: number; type: string }): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'too_large';
  const typed = (ATTACHMENT_TYPES as readonly string[]).includes(file.type);
  if (!typed && !(file.type === '' && EXTENSIONS.test(file.name))) return 'wrong_type';
  return null;
}
