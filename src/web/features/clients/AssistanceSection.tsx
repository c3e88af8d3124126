import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { SERVICE_PROVIDERS, SERVICE_TYPES } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { addService, assessNeeds, type Client, type ClientIdentity, conflictOf, type Service, type ServiceInput, updateService } from '../../api/clients';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { tokens } from '../../components/theme';
import { fieldDate, localIsoDate, optionalIsoDate } from '../intake/dates';
import { DateField, SelectField } from '../intake/fields';
import { ErrorSummary, Facts, FieldRow, FormPanel, Section, Tag, focusSoon, summaryItems } from '../intake/parts';
import { changedFields, conflictRows, keepMine } from './changes';
import { type ConflictLine, ConflictPanel } from './ConflictPanel';
import { type ClientLabels, useClientLabels } from './labels';
import { serviceOrganiser } from './organiser';

/** Reflection periods ending within this many days are marked. */
const WARNING_DAYS = 14;

const SubHeading = styled.h3`
  ${tokens.typography.heading3}
  margin: ${tokens.spacing.l} 0 ${tokens.spacing.xs};
`;

const NeedList = styled.div`
  columns: 2 18rem;
  margin-bottom: ${tokens.spacing.m};
`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function Organiser({ client, identity }: { client: Client; identity: ClientIdentity | null }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const { organiser, basis } = serviceOrganiser(client.residenceStatus, client.municipalityRecorded);
  return (
    <Facts>
      <dt>{t('assistance.organiser.label')}</dt>
      <dd>
        {labels.code('serviceProvider', organiser)}
        <br />
        {t(`assistance.organiser.basis.${basis}`, { status: labels.code('residenceStatus', client.residenceStatus), municipality: identity?.municipality ?? t('assistance.organiser.municipalityHidden') })}
      </dd>
    </Facts>
  );
}

function ReflectionPeriods({ client }: { client: Client }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const captionId = useId();
  const today = localIsoDate(new Date());
  const periods = client.decisions.filter((d) => (d.kind === 'reflection_period' || d.kind === 'extension') && d.status === 'decided');
  if (periods.length === 0) return <Paragraph mb="m">{t('assistance.reflection.none')}</Paragraph>;
  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('assistance.reflection.caption', { count: periods.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assistance.reflection.kind')}</th>
            <th scope="col">{t('assistance.reflection.start')}</th>
            <th scope="col">{t('assistance.reflection.end')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => {
            const left = p.periodEnd ? daysBetween(today, p.periodEnd) : null;
            return (
              <tr key={p.id}>
                <th scope="row">{labels.code('decisionKind', p.kind)}</th>
                <td>{labels.date(p.periodStart)}</td>
                <td>
                  {labels.date(p.periodEnd)}
                  {left !== null && left < 0 && <Tag $tone="neutral">{t('assistance.reflection.ended')}</Tag>}
                  {left !== null && left >= 0 && left <= WARNING_DAYS && <Tag $tone="alert">{t('assistance.reflection.endsIn', { count: left })}</Tag>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

function NeedsForm({ client, mayWrite, onChanged }: { client: Client; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const [needed, setNeeded] = useState<Record<string, boolean>>(() => Object.fromEntries(client.needs.map((n) => [n.type, n.needed])));
  const [notice, setNotice] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => assessNeeds(client.id, SERVICE_TYPES.map((type) => ({ type, needed: needed[type] ?? false }))),
    onSuccess: () => {
      setNotice(t('assistance.needs.saved'));
      onChanged();
    },
  });
  const last = client.needs.map((n) => n.assessedOn).sort().at(-1);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    if (!mutation.isPending) mutation.mutate();
  };

  if (!mayWrite) {
    const list = client.needs.filter((n) => n.needed);
    return <Paragraph mb="m">{list.length > 0 ? list.map((n) => labels.code('serviceType', n.type)).join(', ') : t('assistance.needs.noneNeeded')}</Paragraph>;
  }
  return (
    <form noValidate onSubmit={submit}>
      <Paragraph mb="s">{last ? t('assistance.needs.lastAssessed', { date: labels.date(last) }) : t('assistance.needs.notAssessed')}</Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>
          <VisuallyHidden>{t('assistance.needs.legend')}</VisuallyHidden>
        </legend>
        <NeedList>
          {SERVICE_TYPES.map((type) => (
            <Checkbox key={type} id={`need-${type}`} checked={needed[type] ?? false} onClick={({ checkboxState }) => setNeeded((previous) => ({ ...previous, [type]: checkboxState }))} mb="xs">
              {labels.code('serviceType', type)}
            </Checkbox>
          ))}
        </NeedList>
      </fieldset>
      <FormAlert error={mutation.error} />
      <Actions>
        <Button type="submit" variant="secondary" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
          {t('assistance.needs.submit')}
        </Button>
      </Actions>
    </form>
  );
}

type ServiceField = 'type' | 'provider' | 'startDate' | 'endDate';
const SERVICE_FIELDS: readonly ServiceField[] = ['type', 'provider', 'startDate', 'endDate'];
const serviceId = (field: ServiceField) => `service-${field}`;

interface ServiceValues {
  type: string;
  provider: string;
  startDate: string;
  endDate: string;
}

const serviceValues = (s: Service | null, provider: string): ServiceValues => ({
  type: s?.type ?? '',
  provider: s ? (s.provider ?? '') : provider,
  startDate: s ? fieldDate(s.startDate) : fieldDate(localIsoDate(new Date())),
  endDate: fieldDate(s?.endDate ?? null),
});
const serviceKey = (field: ServiceField, v: ServiceValues) => (field === 'startDate' || field === 'endDate' ? String(optionalIsoDate(v[field]) ?? `typed:${v[field]}`) : v[field]);

function showService(field: ServiceField, v: ServiceValues, labels: ClientLabels): string {
  if (field === 'type') return v.type ? labels.code('serviceType', v.type) : '–';
  if (field === 'provider') return v.provider ? labels.code('serviceProvider', v.provider) : '–';
  return v[field].trim() ? labels.date(optionalIsoDate(v[field]) ?? null) : '–';
}

function ServiceForm({ client, service, onSaved, onClose }: { client: Client; service: Service | null; onSaved: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const organiser = serviceOrganiser(client.residenceStatus, client.municipalityRecorded).organiser;
  const [base, setBase] = useState<ServiceValues>(() => serviceValues(service, organiser));
  const [values, setValues] = useState<ServiceValues>(base);
  const [version, setVersion] = useState(service?.version ?? 0);
  const [errors, setErrors] = useState<Partial<Record<ServiceField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState<{ lines: ConflictLine[]; theirs: ServiceValues } | null>(null);
  const label = (field: ServiceField) => t(`assistance.services.fields.${field}`);

  const mutation = useMutation({
    mutationFn: (input: { body: ServiceInput; version: number; values: ServiceValues }) => (service ? updateService(service.id, input.version, input.body) : addService(client.id, input.body)),
    onSuccess: () => onSaved(service ? t('assistance.services.changed') : t('assistance.services.added')),
    onError: (error, { values: sent }) => {
      const found = conflictOf<Service>(error);
      if (found) {
        const theirs = serviceValues(found.current, organiser);
        const rows = conflictRows(SERVICE_FIELDS, serviceKey, base, sent, theirs);
        setConflict({ theirs, lines: rows.map((r) => ({ ...r, label: label(r.field), theirs: showService(r.field, theirs, labels), mine: showService(r.field, sent, labels) })) });
        setValues(keepMine(SERVICE_FIELDS, serviceKey, base, sent, theirs));
        setBase(theirs);
        setVersion(found.current.version);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const byField: Partial<Record<ServiceField, string>> = {};
        const rest: string[] = [];
        for (const [field, message] of Object.entries(error.fieldMessages())) {
          if ((SERVICE_FIELDS as readonly string[]).includes(field)) byField[field as ServiceField] = message;
          else rest.push(message);
        }
        setErrors(byField);
        setOther(rest);
        focusSoon(summaryRef);
      }
    },
  });

  const save = () => {
    mutation.reset();
    const found: Partial<Record<ServiceField, string>> = {};
    if (!values.type) found.type = t('common.required', { field: label('type') });
    const start = optionalIsoDate(values.startDate);
    const end = optionalIsoDate(values.endDate);
    if (start === null) found.startDate = t('common.required', { field: label('startDate') });
    else if (start === undefined) found.startDate = t('common.invalidDate', { field: label('startDate') });
    if (end === undefined) found.endDate = t('common.invalidDate', { field: label('endDate') });
    else if (start && end && end < start) found.endDate = t('assistance.services.endBeforeStart', { field: label('endDate') });
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0 || !start) {
      focusSoon(summaryRef);
      return;
    }
    mutation.mutate({ body: { type: values.type, provider: values.provider || null, startDate: start, endDate: end ?? null }, version, values });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mutation.isPending) save();
  };
  const set = (field: ServiceField, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const unsaved = changedFields(SERVICE_FIELDS, serviceKey, base, values).length > 0;
  const plainError = mutation.error && !conflictOf(mutation.error) && !(mutation.error instanceof ApiError && mutation.error.fields.length > 0) ? mutation.error : null;

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h3" as="h4" id={headingId} mb="s">
        {service ? t('assistance.services.editHeading') : t('assistance.services.addHeading')}
      </Heading>
      {conflict && (
        <ConflictPanel
          lines={conflict.lines}
          pending={mutation.isPending}
          onUseMine={save}
          onUseTheirs={() => {
            setValues(conflict.theirs);
            setConflict(null);
          }}
        />
      )}
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, SERVICE_FIELDS, serviceId, other)} headingLevel="h3" />
      <form noValidate onSubmit={submit}>
        <SelectField id="service-type" label={label('type')} options={SERVICE_TYPES.map((code) => ({ code, label: labels.code('serviceType', code) }))} value={values.type} onChange={(v) => set('type', v)} error={errors.type} fullWidth />
        <SelectField id="service-provider" label={label('provider')} optional options={SERVICE_PROVIDERS.map((code) => ({ code, label: labels.code('serviceProvider', code) }))} value={values.provider} onChange={(v) => set('provider', v)} error={errors.provider} />
        <FieldRow>
          <DateField id="service-startDate" label={label('startDate')} value={values.startDate} onChange={(v) => set('startDate', v)} error={errors.startDate} />
          <DateField id="service-endDate" label={label('endDate')} optional value={values.endDate} onChange={(v) => set('endDate', v)} error={errors.endDate} />
        </FieldRow>
        <FormAlert error={plainError} />
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {service ? t('assistance.services.saveChange') : t('assistance.services.add')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {unsaved ? t('common.discard') : t('common.close')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

function Services({ client, mayWrite, onChanged }: { client: Client; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const captionId = useId();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <StatusMessage>{notice}</StatusMessage>
      {client.services.length === 0 ? (
        <Paragraph mb="m">{t('assistance.services.none')}</Paragraph>
      ) : (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('assistance.services.caption', { count: client.services.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assistance.services.fields.type')}</th>
                <th scope="col">{t('assistance.services.fields.provider')}</th>
                <th scope="col">{t('assistance.services.fields.startDate')}</th>
                <th scope="col">{t('assistance.services.fields.endDate')}</th>
                {mayWrite && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {client.services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{labels.code('serviceType', s.type)}</th>
                  <td>{s.provider ? labels.code('serviceProvider', s.provider) : '–'}</td>
                  <td>{labels.date(s.startDate)}</td>
                  <td>{s.endDate ? labels.date(s.endDate) : <Tag $tone="success">{t('assistance.services.ongoing')}</Tag>}</td>
                  {mayWrite && (
                    <td>
                      <Button variant="secondaryNoBorder" aria-label={t('assistance.services.changeOne', { type: labels.code('serviceType', s.type) })} onClick={() => { setNotice(null); setEditing(s); }}>
                        {t('common.change')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {mayWrite &&
        (editing ? (
          <ServiceForm
            key={editing === 'new' ? 'new' : editing.id}
            client={client}
            service={editing === 'new' ? null : editing}
            onSaved={(message) => {
              setEditing(null);
              setNotice(message);
              onChanged();
            }}
            onClose={() => setEditing(null)}
          />
        ) : (
          <Actions>
            <Button variant="secondary" onClick={() => { setNotice(null); setEditing('new'); }}>
              {t('assistance.services.addOpen')}
            </Button>
          </Actions>
        ))}
    </>
  );
}

interface AssistanceSectionProps {
  client: Client;
  identity: ClientIdentity | null;
  mayWrite: boolean;
  onChanged: () => void;
}

/** Who organises the services, the reflection periods, the assessment of needs and the services given. */
export function AssistanceSection({ client, identity, mayWrite, onChanged }: AssistanceSectionProps) {
  const { t } = useTranslation('clients');
  const headingId = useId();
  return (
    <Section id="client-assistance" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('assistance.heading')}
      </Heading>
      <Organiser client={client} identity={identity} />
      <SubHeading>{t('assistance.reflection.heading')}</SubHeading>
      <ReflectionPeriods client={client} />
      <SubHeading>{t('assistance.needs.heading')}</SubHeading>
      <NeedsForm client={client} mayWrite={mayWrite} onChanged={onChanged} />
      <SubHeading>{t('assistance.services.heading')}</SubHeading>
      <Services client={client} mayWrite={mayWrite} onChanged={onChanged} />
    </Section>
  );
}
