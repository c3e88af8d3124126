import { styled } from 'styled-components';
import { focusRing, tokens } from './theme';

export const Form = styled.form`
  max-width: 480px;
`;

export const WideForm = styled.form`
  max-width: 720px;
`;

export const Actions = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.s};
`;

/** suomifi inputs report `string | number | undefined`; the forms keep strings. */
export const textOf = (value: unknown): string => String(value ?? '');

/** A labelled native file input with its hint and status, styled like suomifi's inputs. */
export const FileField = styled.div`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  margin-bottom: ${tokens.spacing.m};

  input[type='file'] {
    ${tokens.typography.bodyTextSmall}
    margin: ${tokens.spacing.xs} 0;
    padding: ${tokens.spacing.xxs};
    border: 1px solid ${tokens.colors.depthDark3};
    border-radius: ${tokens.radiuses.basic};
    background: ${tokens.colors.whiteBase};
    max-width: 100%;
  }

  input[type='file']:focus-visible {
    ${focusRing}
  }
`;
