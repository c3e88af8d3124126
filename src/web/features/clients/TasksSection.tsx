import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { ApiError } from '../../api/client';
import { addTask, type Client, completeTask, type Task } from '../../api/clients';
import { fetchCaseworkers, intakeKeys } from '../../api/intake';
import { can, useMe } from '../../auth/session';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { localIsoDate, optionalIsoDate } from '../intake/dates';
import { DateField, NativeSelect } from '../intake/fields';
import { ErrorSummary, FieldRow, FormPanel, Section, Tag, focusSoon, summaryItems } from '../intake/parts';
import { useClientLabels } from './labels';

type Field = 'title' | 'dueOn' | 'assigneeId';
const FIELDS: readonly Field[] = ['title', 'dueOn', 'assigneeId'];
const idOf = (field: Field) => `task-${field}`;

function TaskForm({ client, onSaved, onClose }: { client: Client; onSaved: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation('clients');
  const me = useMe();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const mayList = can(me.data, 'applications.write');
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, enabled: mayList, staleTime: 5 * 60_000 });
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [assigneeId, setAssigneeId] = useState(me.data?.user.id ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const options = caseworkers.data?.map((c) => ({ code: c.id, label: c.name })) ?? (me.data ? [{ code: me.data.user.id, label: me.data.user.name }] : []);

  const mutation = useMutation({
    mutationFn: (input: { title: string; dueOn: string; assigneeId: string }) => addTask(client.id, input),
    onSuccess: () => onSaved(t('tasks.added')),
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return;
      const byField: Partial<Record<Field, string>> = {};
      const rest: string[] = [];
      for (const [field, message] of Object.entries(error.fieldMessages())) {
        if ((FIELDS as readonly string[]).includes(field)) byField[field as Field] = message;
        else rest.push(message);
      }
      setErrors(byField);
      setOther(rest);
      focusSoon(summaryRef);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = t('common.required', { field: t('tasks.fields.title') });
    const due = optionalIsoDate(dueOn);
    if (due === null) found.dueOn = t('common.required', { field: t('tasks.fields.dueOn') });
    else if (due === undefined) found.dueOn = t('common.invalidDate', { field: t('tasks.fields.dueOn') });
    if (!assigneeId) found.assigneeId = t('common.required', { field: t('tasks.fields.assigneeId') });
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0 || !due) {
      focusSoon(summaryRef);
      return;
    }
    mutation.mutate({ title: title.trim(), dueOn: due, assigneeId });
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h3" as="h3" id={headingId} mb="s">
        {t('tasks.addHeading')}
      </Heading>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, FIELDS, idOf, other)} headingLevel="h3" />
      <form noValidate onSubmit={submit}>
        <TextInput id="task-title" labelText={t('tasks.fields.title')} hintText={t('tasks.fields.titleHint')} autoComplete="off" value={title} onChange={(v) => { setTitle(textOf(v)); setErrors((e) => ({ ...e, title: undefined })); }} status={errors.title ? 'error' : 'default'} statusText={errors.title ?? ''} fullWidth mb="m" />
        <FieldRow>
          <DateField id="task-dueOn" label={t('tasks.fields.dueOn')} value={dueOn} onChange={(v) => { setDueOn(v); setErrors((e) => ({ ...e, dueOn: undefined })); }} error={errors.dueOn} />
          <NativeSelect id="task-assigneeId" label={t('tasks.fields.assigneeId')} options={options} value={assigneeId} onChange={(v) => { setAssigneeId(v); setErrors((e) => ({ ...e, assigneeId: undefined })); }} error={errors.assigneeId} />
        </FieldRow>
        {!(mutation.error instanceof ApiError && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {t('tasks.add')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

function DoneButton({ task, onDone }: { task: Task; onDone: (message: string) => void }) {
  const { t } = useTranslation('clients');
  const mutation = useMutation({ mutationFn: () => completeTask(task.id, task.version), onSuccess: () => onDone(t('tasks.done', { title: task.title })), onError: () => onDone('') });
  return (
    <Button variant="secondaryNoBorder" disabled={mutation.isPending} aria-label={t('tasks.markDoneOne', { title: task.title })} onClick={() => mutation.mutate()}>
      {t('tasks.markDone')}
    </Button>
  );
}

/** Tasks about the client with their due dates and assignees; the assignee sees them on the start page. */
export function TasksSection({ client, mayWrite, onChanged }: { client: Client; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const captionId = useId();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const today = localIsoDate(new Date());
  const open = client.tasks.filter((task) => !task.doneAt);
  const done = client.tasks.filter((task) => task.doneAt);

  return (
    <Section id="client-tasks" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('tasks.heading')}
      </Heading>
      <StatusMessage>{notice}</StatusMessage>
      {client.tasks.length === 0 ? (
        <Paragraph mb="m">{t('tasks.none')}</Paragraph>
      ) : (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('tasks.caption', { count: open.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tasks.fields.title')}</th>
                <th scope="col">{t('tasks.fields.dueOn')}</th>
                <th scope="col">{t('tasks.fields.assigneeId')}</th>
                <th scope="col">{t('tasks.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...open, ...done].map((task) => (
                <tr key={task.id}>
                  <th scope="row">{task.title}</th>
                  <td>
                    {labels.date(task.dueOn)}
                    {!task.doneAt && task.dueOn < today && <Tag $tone="alert">{t('tasks.overdue')}</Tag>}
                  </td>
                  <td>{task.assigneeName}</td>
                  <td>
                    {task.doneAt ? (
                      t('tasks.doneAt', { at: labels.dateTime(task.doneAt) })
                    ) : mayWrite ? (
                      <DoneButton
                        task={task}
                        onDone={(message) => {
                          setNotice(message || t('tasks.changedElsewhere'));
                          onChanged();
                        }}
                      />
                    ) : (
                      t('tasks.open')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {mayWrite &&
        (adding ? (
          <TaskForm
            client={client}
            onSaved={(message) => {
              setAdding(false);
              setNotice(message);
              onChanged();
            }}
            onClose={() => setAdding(false)}
          />
        ) : (
          <Actions>
            <Button variant="secondary" onClick={() => { setNotice(null); setAdding(true); }}>
              {t('tasks.addOpen')}
            </Button>
          </Actions>
        ))}
    </Section>
  );
}
