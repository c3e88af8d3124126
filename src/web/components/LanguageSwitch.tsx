import { useTranslation } from 'react-i18next';
import { styled } from 'styled-components';
import { changeLanguage, isLanguage, SUPPORTED_LANGUAGES } from '../app/i18n';
import { focusRing, tokens } from './theme';

const Group = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xxs};
`;

const LanguageButton = styled.button`
  ${tokens.typography.actionElementInnerText}
  margin: 0;
  padding: ${tokens.spacing.insetS} ${tokens.spacing.insetM};
  min-height: 36px;
  border: 1px solid transparent;
  border-radius: ${tokens.radiuses.basic};
  background: transparent;
  color: ${tokens.colors.highlightDark1};
  cursor: pointer;

  &:hover {
    text-decoration: underline;
  }

  &[aria-pressed='true'] {
    border-color: ${tokens.colors.depthDark1};
    color: ${tokens.colors.blackBase};
    font-weight: 600;
  }

  &:focus-visible {
    ${focusRing}
  }
`;

/** Language choice as a button group; each language is named in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : undefined;

  return (
    <Group role="group" aria-label={t('language.switchLabel')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <LanguageButton
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === active}
          onClick={() => {
            void changeLanguage(language);
          }}
        >
          {t('language.name', { lng: language })}
        </LanguageButton>
      ))}
    </Group>
  );
}
