import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, HintText, Label, Link, Paragraph, StatusText } from 'suomifi-ui-components';
import { isApiError } from '../../api/client';
import { attachmentUrl, type Client, uploadAttachment } from '../../api/clients';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, FileField } from '../../components/forms';
import { Section } from '../intake/parts';
import { type FileProblem, fileProblem } from './attachments';
import { useClientLabels } from './labels';

/** Files about the client: encrypted at rest, image metadata removed on upload, every download audited. */
export function AttachmentsSection({ client, mayWrite, onChanged }: { client: Client; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const captionId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (chosen: File) => uploadAttachment(client.id, chosen),
    onSuccess: (_saved, chosen) => {
      setNotice(t('attachments.uploaded', { name: chosen.name }));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error) && error.fields.length > 0) setProblem(error.fields.map((f) => f.message).join(' '));
      else if (isApiError(error, 413)) setProblem(t('attachments.problems.too_large', { name: file?.name ?? '', mb: 10 }));
      inputRef.current?.focus();
    },
  });

  const problemText = (p: FileProblem, chosen: File) => t(`attachments.problems.${p}`, { name: chosen.name, size: labels.size(chosen.size), mb: 10 });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setNotice(null);
    if (!file) {
      setProblem(t('attachments.problems.none'));
      inputRef.current?.focus();
      return;
    }
    const found = fileProblem(file);
    if (found) {
      setProblem(problemText(found, file));
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    mutation.mutate(file);
  };

  return (
    <Section id="client-attachments" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('attachments.heading')}
      </Heading>
      <StatusMessage>{notice}</StatusMessage>
      {client.attachments.length === 0 ? (
        <Paragraph mb="m">{t('attachments.none')}</Paragraph>
      ) : (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('attachments.caption', { count: client.attachments.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('attachments.columns.file')}</th>
                <th scope="col">{t('attachments.columns.size')}</th>
                <th scope="col">{t('attachments.columns.uploaded')}</th>
              </tr>
            </thead>
            <tbody>
              {client.attachments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={attachmentUrl(a.id)} download={a.fileName}>
                      {t('attachments.download', { name: a.fileName })}
                    </Link>
                  </th>
                  <td>
                    {labels.size(a.sizeBytes)}, {a.mediaType === 'application/pdf' ? 'PDF' : a.mediaType === 'image/png' ? 'PNG' : 'JPEG'}
                  </td>
                  <td>{t('attachments.byAt', { name: a.uploadedByName, at: labels.dateTime(a.uploadedAt) })}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {mayWrite && (
        <form noValidate onSubmit={submit}>
          <FileField>
            <Label asProp="label" {...{ htmlFor: 'attachment-file' }}>
              {t('attachments.fields.file')}
            </Label>
            <HintText id="attachment-file-hint">{t('attachments.fields.fileHint')}</HintText>
            <input
              id="attachment-file"
              ref={inputRef}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={problem ? 'attachment-file-hint attachment-file-status' : 'attachment-file-hint'}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                setFile(chosen);
                setNotice(null);
                setProblem(chosen ? (fileProblem(chosen) ? problemText(fileProblem(chosen)!, chosen) : null) : null);
              }}
            />
            <StatusText id="attachment-file-status" status={problem ? 'error' : 'default'}>
              {problem ?? ''}
            </StatusText>
          </FileField>
          {!(isApiError(mutation.error) && (mutation.error.fields.length > 0 || mutation.error.status === 413)) && <FormAlert error={mutation.error} />}
          <Actions>
            <Button type="submit" variant="secondary" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('attachments.uploading') } : { loading: false })}>
              {t('attachments.upload')}
            </Button>
          </Actions>
        </form>
      )}
    </Section>
  );
}
