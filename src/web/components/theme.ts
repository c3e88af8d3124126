import { suomifiDesignTokens } from 'suomifi-ui-components';

export const tokens = suomifiDesignTokens;

// Mirrors the design system's own focus ring so custom controls match suomifi components.
export const focusRing = `
  outline: 3px solid transparent;
  box-shadow: 0 0 0 3px ${tokens.colors.accentSecondary};
`;

export const contentMaxWidth = '1140px';
