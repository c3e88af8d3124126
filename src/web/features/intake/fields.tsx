import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DateInput, Dropdown, DropdownItem, HintText, Label, StatusText, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { focusRing, tokens } from '../../components/theme';
import { currentLanguage } from '../../app/i18n';
import type { Option } from './labels';

interface SelectFieldProps {
  id: string;
  label: string;
  options: readonly Option[];
  /** '' for nothing chosen. */
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  /** Shown while nothing is chosen. */
  placeholder?: string;
  fullWidth?: boolean;
}

/** A choice from a short code list. */
export function SelectField({ id, label, options, value, onChange, error, hint, optional, placeholder, fullWidth }: SelectFieldProps) {
  const { t } = useTranslation('intake');
  // suomifi's Dropdown cannot render without items; an empty list is a plain select.
  if (options.length === 0) {
    return <NativeSelect {...{ id, label, options, value, onChange, error, hint, optional, placeholder }} />;
  }
  return (
    <Block>
      <Dropdown
        id={id}
        name={id}
        labelText={label}
        {...(hint ? { hintText: hint } : {})}
        {...(optional ? { optionalText: t('form.optional') } : {})}
        visualPlaceholder={placeholder ?? t('form.choose')}
        value={value === '' ? null : value}
        onChange={(next: string) => onChange(next)}
        status={error ? 'error' : 'default'}
        statusText={error ?? ''}
        fullWidth={fullWidth ?? false}
        mb="m"
      >
        {options.map((option) => (
          <DropdownItem key={option.code} value={option.code}>
            {option.label}
          </DropdownItem>
        ))}
      </Dropdown>
    </Block>
  );
}

interface DateFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
}

/** A date typed "d.M.yyyy" or picked from the calendar. */
export function DateField({ id, label, value, onChange, error, hint, optional }: DateFieldProps) {
  const { t } = useTranslation('intake');
  const language = currentLanguage();
  // suomifi names the calendar button of a filled field in Finnish when the field mounts with a
  // value; starting empty and filling it on the next render names it in the language being read.
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setMounted(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <DateWrap>
      <DateInput
        id={id}
        name={id}
        labelText={label}
        hintText={hint ?? t('form.dateHint')}
        {...(optional ? { optionalText: t('form.optional') } : {})}
        language={language}
        datePickerEnabled
        value={mounted ? value : ''}
        onChange={({ value: next }) => onChange(next)}
        status={error ? 'error' : 'default'}
        statusText={error ?? ''}
        fullWidth
        mb="m"
      />
    </DateWrap>
  );
}

/** Each field on a line of its own, at its own width. */
const Block = styled.div`
  display: block;
`;

/** Date fields are short; their hints wrap at a readable width rather than at the input's. */
const DateWrap = styled.div`
  width: 17rem;
  max-width: 100%;
`;

const Field = styled.div<{ $fullWidth?: boolean }>`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  margin-bottom: ${tokens.spacing.m};
  ${({ $fullWidth }) => ($fullWidth ? 'width: 100%;' : '')}

  label,
  .legend {
    margin-bottom: ${tokens.spacing.xs};
  }

  .hint {
    margin-bottom: ${tokens.spacing.xs};
  }
`;

const Select = styled.select<{ $invalid: boolean }>`
  ${tokens.typography.bodyTextSmall}
  box-sizing: border-box;
  min-width: 290px;
  max-width: 100%;
  min-height: 40px;
  padding: 7px ${tokens.spacing.s};
  color: ${tokens.colors.blackBase};
  background: ${tokens.colors.whiteBase};
  border: 1px solid ${({ $invalid }) => ($invalid ? tokens.colors.alertBase : tokens.colors.depthDark3)};
  border-radius: ${tokens.radiuses.basic};

  &:focus-visible {
    ${focusRing}
  }
`;

const Chosen = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xs};
  margin: 0 0 ${tokens.spacing.s};
  padding: 0;
  list-style: none;

  li {
    display: inline-flex;
    align-items: center;
    gap: ${tokens.spacing.xs};
    padding: 2px 2px 2px ${tokens.spacing.s};
    border: 1px solid ${tokens.colors.highlightBase};
    border-radius: 16px;
    background: ${tokens.colors.highlightLight4};
  }
`;

const AddLabel = styled.label`
  ${tokens.typography.bodyTextSmall}
  color: ${tokens.colors.blackBase};
`;

const Fieldset = styled.fieldset`
  margin: 0 0 ${tokens.spacing.m};
  padding: 0;
  border: 0;
  min-width: 0;

  legend {
    padding: 0;
    margin-bottom: ${tokens.spacing.xs};
  }
`;

interface NativeSelectProps {
  id: string;
  label: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean | undefined;
  /** The label of the empty choice. */
  placeholder?: string | undefined;
  fullWidth?: boolean;
}

/**
 * A choice from a long list (languages, countries, staff): the browser's own select, which
 * every assistive technology knows and which finds an option by typing its first letters.
 */
export function NativeSelect({ id, label, options, value, onChange, error, hint, optional, placeholder, fullWidth }: NativeSelectProps) {
  const { t } = useTranslation('intake');
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  const describedBy = [hint ? hintId : null, error ? statusId : null].filter(Boolean).join(' ');
  return (
    <Field $fullWidth={fullWidth ?? false}>
      <Label asProp="label" {...{ htmlFor: id }} {...(optional ? { optionalText: t('form.optional') } : {})}>
        {label}
      </Label>
      {hint && (
        <HintText id={hintId} className="hint">
          {hint}
        </HintText>
      )}
      <Select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        $invalid={!!error}
        aria-invalid={error ? true : undefined}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      >
        <option value="">{placeholder ?? t('form.choose')}</option>
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </Select>
      <StatusText id={statusId} status={error ? 'error' : 'default'}>
        {error ?? ''}
      </StatusText>
    </Field>
  );
}

interface MultiCodeFieldProps {
  id: string;
  label: string;
  /** The label of the select that adds one more, e.g. "Add a nationality". */
  addLabel: string;
  options: readonly Option[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
}

/** Several codes from a long list, in the order chosen (the first nationality is the main one). */
export function MultiCodeField({ id, label, addLabel, options, values, onChange, error, hint, optional }: MultiCodeFieldProps) {
  const { t } = useTranslation('intake');
  const [announcement, setAnnouncement] = useState('');
  const nameOf = (code: string) => options.find((o) => o.code === code)?.label ?? code;
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  const legendId = `${id}-legend`;
  return (
    <Fieldset aria-describedby={[hint ? hintId : null, error ? statusId : null].filter(Boolean).join(' ') || undefined}>
      <legend id={legendId}>
        <Label {...(optional ? { optionalText: t('form.optional') } : {})}>{label}</Label>
      </legend>
      {hint && (
        <HintText id={hintId} className="hint" mb="xs">
          {hint}
        </HintText>
      )}
      {values.length > 0 ? (
        <Chosen aria-label={t('form.chosen', { field: label })}>
          {values.map((code) => (
            <li key={code}>
              {nameOf(code)}
              <Button
                variant="secondaryNoBorder"
                aria-label={t('form.removeItem', { item: nameOf(code) })}
                onClick={() => {
                  onChange(values.filter((v) => v !== code));
                  setAnnouncement(t('form.removed', { option: nameOf(code) }));
                  requestAnimationFrame(() => document.getElementById(id)?.focus());
                }}
              >
                {t('form.remove')}
              </Button>
            </li>
          ))}
        </Chosen>
      ) : (
        <HintText mb="xs">{t('form.noneChosen')}</HintText>
      )}
      <Field>
        <AddLabel htmlFor={id}>{addLabel}</AddLabel>
        <Select
          id={id}
          value=""
          $invalid={!!error}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const code = event.target.value;
            if (!code || values.includes(code)) return;
            onChange([...values, code]);
            setAnnouncement(t('form.added', { option: nameOf(code) }));
          }}
        >
          <option value="">{t('form.choose')}</option>
          {options
            .filter((option) => !values.includes(option.code))
            .map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
        </Select>
      </Field>
      <StatusText id={statusId} status={error ? 'error' : 'default'}>
        {error ?? ''}
      </StatusText>
      <div role="status">
        <VisuallyHidden>{announcement}</VisuallyHidden>
      </div>
    </Fieldset>
  );
}
