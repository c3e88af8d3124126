import { styled } from 'styled-components';
import { tokens } from './theme';

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
