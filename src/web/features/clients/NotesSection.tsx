import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, Textarea } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { isApiError } from '../../api/client';
import { addNote, type Client, conflictOf, correctNote, type Note } from '../../api/clients';
import { useMe } from '../../auth/session';
import { Muted } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { tokens } from '../../components/theme';
import { Section, Tag } from '../intake/parts';
import { ConflictPanel } from './ConflictPanel';
import { useClientLabels } from './labels';

const NoteList = styled.ol`
  margin: 0 0 ${tokens.spacing.m};
  padding: 0;
  list-style: none;

  > li {
    padding: ${tokens.spacing.s} 0;
    border-bottom: 1px solid ${tokens.colors.depthLight1};
  }

  > li:target {
    background: ${tokens.colors.highlightLight4};
  }
`;

const Body = styled.p`
  margin: ${tokens.spacing.xs} 0;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

const MAX = 20_000;

function NoteForm({ clientId, corrects, initial, onSaved, onCancel }: { clientId: string; corrects: Note | null; initial: string; onSaved: (message: string) => void; onCancel: (() => void) | null }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation({
    mutationFn: () => addNote(clientId, body.trim(), corrects?.id ?? null),
    onSuccess: () => {
      setBody('');
      onSaved(corrects ? t('notes.correctionSaved') : t('notes.saved'));
    },
    onError: (e) => {
      if (isApiError(e) && e.fields.length > 0) setError(e.fields.map((f) => f.message).join(' '));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    if (!body.trim()) {
      setError(t('common.required', { field: t('notes.fields.body') }));
      textRef.current?.focus();
      return;
    }
    if (body.length > MAX) {
      setError(t('notes.tooLong', { max: MAX }));
      textRef.current?.focus();
      return;
    }
    setError(null);
    mutation.mutate();
  };
  return (
    <form noValidate onSubmit={submit}>
      {corrects && <Paragraph mb="xs">{t('notes.correcting', { author: corrects.authorName, at: labels.dateTime(corrects.writtenAt) })}</Paragraph>}
      <Textarea
        id="note-body"
        ref={textRef}
        labelText={corrects ? t('notes.fields.correction') : t('notes.fields.body')}
        hintText={t('notes.fields.bodyHint')}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          setError(null);
        }}
        status={error ? 'error' : 'default'}
        statusText={error ?? ''}
        fullWidth
        resize="vertical"
        rows={4}
        mb="m"
      />
      {!(isApiError(mutation.error) && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
      <Actions>
        <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
          {corrects ? t('notes.saveCorrection') : t('notes.save')}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </Actions>
    </form>
  );
}

/** The author corrects their note in place, within 24 hours of writing it. */
function CorrectInPlace({ note, onSaved, onLocked, onCancel }: { note: Note; onSaved: (message: string) => void; onLocked: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('clients');
  const [body, setBody] = useState(note.body);
  const [version, setVersion] = useState(note.version);
  const [theirs, setTheirs] = useState<string | null>(null);
  const id = `note-correct-${note.id}`;
  const mutation = useMutation({
    mutationFn: () => correctNote(note.id, version, body.trim()),
    onSuccess: () => onSaved(t('notes.corrected')),
    onError: (error) => {
      if (isApiError(error, 409, 'note_locked')) {
        onLocked(body);
        return;
      }
      const found = conflictOf<{ id: string; version: number; body: string }>(error);
      if (found) {
        setTheirs(found.current.body);
        setVersion(found.current.version);
      }
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mutation.isPending && body.trim()) mutation.mutate();
  };
  return (
    <form noValidate onSubmit={submit}>
      {theirs !== null && (
        <ConflictPanel
          lines={[{ field: 'body', label: t('notes.fields.body'), theirs, mine: body, changedByOthers: true, changedByMe: true }]}
          pending={mutation.isPending}
          onUseMine={() => mutation.mutate()}
          onUseTheirs={() => {
            setBody(theirs);
            setTheirs(null);
          }}
        />
      )}
      <Textarea id={id} labelText={t('notes.fields.correctInPlace')} hintText={t('notes.fields.correctInPlaceHint')} value={body} onChange={(event) => setBody(event.target.value)} fullWidth resize="vertical" rows={4} mb="m" />
      {!conflictOf(mutation.error) && !isApiError(mutation.error, 409, 'note_locked') && <FormAlert error={mutation.error} />}
      <Actions>
        <Button type="submit" disabled={mutation.isPending}>
          {t('notes.saveInPlace')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Actions>
    </form>
  );
}

/**
 * Journal notes, newest first, with author and time. Nothing is silently rewritten: the author may
 * correct a note within 24 hours (it then says when), afterwards a new note corrects it.
 */
export function NotesSection({ client, mayWrite, onChanged }: { client: Client; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const headingId = useId();
  const [notice, setNotice] = useState<string | null>(null);
  const [lockedMessage, setLockedMessage] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<{ note: Note; text: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const byId = new Map(client.notes.map((n) => [n.id, n]));
  const correctedBy = new Map(client.notes.filter((n) => n.correctsId).map((n) => [n.correctsId!, n]));

  const saved = (message: string) => {
    setNotice(message);
    setLockedMessage(null);
    setCorrecting(null);
    setEditing(null);
    onChanged();
  };
  const startCorrection = (note: Note, text = '') => {
    setNotice(null);
    setEditing(null);
    setCorrecting({ note, text });
    requestAnimationFrame(() => document.getElementById('note-body')?.focus());
  };

  return (
    <Section id="client-notes" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('notes.heading')}
      </Heading>
      <Paragraph mb="m">{t('notes.intro')}</Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      <FormAlert message={lockedMessage} />
      {mayWrite && (
        <NoteForm
          key={correcting ? `correct-${correcting.note.id}` : 'new'}
          clientId={client.id}
          corrects={correcting?.note ?? null}
          initial={correcting?.text ?? ''}
          onSaved={saved}
          onCancel={correcting ? () => setCorrecting(null) : null}
        />
      )}
      {client.notes.length === 0 ? (
        <Paragraph mt="m">{t('notes.none')}</Paragraph>
      ) : (
        <NoteList aria-label={t('notes.listLabel', { count: client.notes.length })}>
          {client.notes.map((note) => {
            const mine = note.authorId === me.data?.user.id;
            const corrected = note.correctsId ? byId.get(note.correctsId) : undefined;
            const laterCorrection = correctedBy.get(note.id);
            return (
              <li key={note.id} id={`note-${note.id}`}>
                <article aria-label={t('notes.noteLabel', { author: note.authorName, at: labels.dateTime(note.writtenAt) })}>
                  <strong>{note.authorName}</strong>, {labels.dateTime(note.writtenAt)}
                  {note.correctedAt && <Tag $tone="neutral">{t('notes.correctedAt', { at: labels.dateTime(note.correctedAt) })}</Tag>}
                  {corrected && (
                    <Muted>
                      <a href={`#note-${corrected.id}`}>{t('notes.corrects', { author: corrected.authorName, at: labels.dateTime(corrected.writtenAt) })}</a>
                    </Muted>
                  )}
                  {laterCorrection && (
                    <Muted>
                      <a href={`#note-${laterCorrection.id}`}>{t('notes.correctedBy', { at: labels.dateTime(laterCorrection.writtenAt) })}</a>
                    </Muted>
                  )}
                  {editing === note.id ? (
                    <CorrectInPlace
                      note={note}
                      onSaved={saved}
                      onCancel={() => setEditing(null)}
                      onLocked={(text) => {
                        setLockedMessage(t('notes.locked'));
                        startCorrection(note, text);
                      }}
                    />
                  ) : (
                    <Body>{note.body}</Body>
                  )}
                  {mayWrite && editing !== note.id && (
                    <Actions>
                      {mine && note.correctable ? (
                        <Button variant="secondaryNoBorder" aria-label={t('notes.correctOne', { at: labels.dateTime(note.writtenAt) })} onClick={() => { setNotice(null); setCorrecting(null); setEditing(note.id); }}>
                          {t('notes.correct')}
                        </Button>
                      ) : (
                        <Button variant="secondaryNoBorder" aria-label={t('notes.writeCorrectionFor', { author: note.authorName, at: labels.dateTime(note.writtenAt) })} onClick={() => startCorrection(note)}>
                          {t('notes.writeCorrection')}
                        </Button>
                      )}
                    </Actions>
                  )}
                </article>
              </li>
            );
          })}
        </NoteList>
      )}
    </Section>
  );
}
