import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { NotFound, ValidationFailed } from '../../http/errors.js';
import { onFirstUse } from '../../on-first-use.js';

/** Largest file accepted, in bytes. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const contentBinding = (id: string) => ({ table: 'attachment', recordId: id, field: 'content' });
const nameBinding = (id: string) => ({ table: 'attachment', recordId: id, field: 'file_name' });

/** What the bytes are, whatever the upload claimed. */
function sniff(data: Buffer): AttachmentType | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** sharp (libvips), loaded when an image is first received. */
const loadSharp = onFirstUse(() => import('sharp'));

/**
 * Images are decoded and written again without their metadata (EXIF, GPS position, camera,
 * XMP, IPTC): a photo of a document must not tell where it was taken. The orientation is
 * applied to the pixels first, so the picture still stands the right way up.
 */
async function withoutMetadata(data: Buffer, type: AttachmentType): Promise<Buffer> {
  if (type === 'application/pdf') return data;
  // Loaded outside the try: a library that fails to load is the server's fault, not a damaged file.
  const sharp = await loadSharp();
  try {
    if (type === 'image/jpeg') return await sharp(data).rotate().jpeg({ quality: 90 }).toBuffer();
    return await sharp(data).rotate().png().toBuffer();
  } catch {
    throw new ValidationFailed([{ field: 'file', code: 'file_damaged' }]);
  }
}

export function createAttachmentsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    async upload(actor: Actor, scope: Scope, personId: string, fileName: string, data: Buffer) {
      const type = sniff(data);
      if (data.length === 0) throw new ValidationFailed([{ field: 'file', code: 'required' }]);
      if (data.length > ATTACHMENT_MAX_BYTES) throw new ValidationFailed([{ field: 'file', code: 'file_too_large', params: { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 } }]);
      if (!type) throw new ValidationFailed([{ field: 'file', code: 'file_type', params: { types: 'PDF, JPEG, PNG' } }]);
      const clean = await withoutMetadata(data, type);
      return withTransaction(db, async (tx) => {
        const person = await tx.selectFrom('person').select('id').where('id', '=', personId).where((eb) => personInScope(eb, actor, scope, now())).executeTakeFirst();
        if (!person) throw new NotFound();
        const id = crypto.randomUUID();
        await tx
          .insertInto('attachment')
          .values({ id, personId, fileName: ctx.keyring.encrypt(nameBinding(id), fileName), mediaType: type, sizeBytes: clean.length, content: ctx.keyring.encryptBytes(contentBinding(id), clean), uploadedBy: actor.userId!, uploadedAt: now() })
          .execute();
        await appendAudit(tx, actor, { action: 'attachment.create', objectType: 'person', objectIds: [personId, id], details: { mediaType: type, bytes: clean.length } }, now());
        return { id, mediaType: type, sizeBytes: clean.length };
      });
    },

    /** The file itself; each download is audited. */
    async download(actor: Actor, scope: Scope, id: string) {
      return withTransaction(db, async (tx) => {
        const row = await tx.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new NotFound();
        const person = await tx.selectFrom('person').select('id').where('id', '=', row.personId).where((eb) => personInScope(eb, actor, scope, now())).executeTakeFirst();
        if (!person) throw new NotFound();
        await appendAudit(tx, actor, { action: 'attachment.read', objectType: 'person', objectIds: [row.personId, id] }, now());
        return { fileName: ctx.keyring.decrypt(nameBinding(id), row.fileName), mediaType: row.mediaType, content: ctx.keyring.decryptBytes(contentBinding(id), row.content) };
      });
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
