import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, fileProblem } from './attachments';

describe('a file chosen for upload', () => {
  it('is accepted as PDF, JPEG or PNG up to 10 MB', () => {
    expect(fileProblem({ name: 'permit.pdf', size: 1000, type: 'application/pdf' })).toBeNull();
    expect(fileProblem({ name: 'photo.JPG', size: ATTACHMENT_MAX_BYTES, type: 'image/jpeg' })).toBeNull();
    // Some systems give no type: the name tells it.
    expect(fileProblem({ name: 'scan.png', size: 10, type: '' })).toBeNull();
  });

  it('is refused when too large, of another type, or empty', () => {
    expect(fileProblem({ name: 'big.pdf', size: ATTACHMENT_MAX_BYTES + 1, type: 'application/pdf' })).toBe('too_large');
    expect(fileProblem({ name: 'notes.docx', size: 10, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe('wrong_type');
    expect(fileProblem({ name: 'archive', size: 10, type: '' })).toBe('wrong_type');
    expect(fileProblem({ name: 'empty.pdf', size: 0, type: 'application/pdf' })).toBe('empty');
  });
});
