import { useTranslation } from 'react-i18next';
import { RadioButton, RadioButtonGroup } from 'suomifi-ui-components';
import type { ConsentChoice } from './applicationForm';
import { DateField } from './fields';

interface ConsentFieldsProps {
  idPrefix?: string;
  consent: ConsentChoice;
  consentOn: string;
  errors: Record<string, string | undefined>;
  onChange: (next: { consent: ConsentChoice; consentOn: string }) => void;
}

/** Whether the person has consented to the assistance, and when they were asked. */
export function ConsentFields({ idPrefix = 'app', consent, consentOn, errors, onChange }: ConsentFieldsProps) {
  const { t } = useTranslation('intake');
  return (
    <>
      <RadioButtonGroup
        id={`${idPrefix}-consent`}
        name={`${idPrefix}-consent`}
        labelText={t('application.fields.consent')}
        value={consent}
        onChange={(v) => onChange({ consent: v as ConsentChoice, consentOn: v === 'not_asked' ? '' : consentOn })}
        groupStatus={errors.consent ? 'error' : 'default'}
        groupStatusText={errors.consent ?? ''}
        mb="m"
      >
        {(['yes', 'no', 'not_asked'] as const).map((code) => (
          <RadioButton key={code} id={`${idPrefix}-consent-${code}`} value={code}>
            {t(`application.consent.${code}`)}
          </RadioButton>
        ))}
      </RadioButtonGroup>
      {consent !== 'not_asked' && (
        <DateField
          id={`${idPrefix}-consentOn`}
          label={t('application.fields.consentOn')}
          optional={consent === 'no'}
          value={consentOn}
          onChange={(v) => onChange({ consent, consentOn: v })}
          error={errors.consentOn}
        />
      )}
    </>
  );
}
