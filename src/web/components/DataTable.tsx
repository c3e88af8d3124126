import { styled } from 'styled-components';
import { tokens } from './theme';

/** Wide tables scroll inside this region instead of widening the page. */
export const TableScroll = styled.div`
  overflow-x: auto;
  margin-bottom: ${tokens.spacing.m};

  &:focus-visible {
    outline: 3px solid ${tokens.colors.accentSecondary};
  }
`;

export const DataTable = styled.table`
  width: 100%;
  border-collapse: collapse;
  ${tokens.typography.bodyTextSmall}

  caption {
    ${tokens.typography.heading4}
    text-align: left;
    padding-bottom: ${tokens.spacing.xs};
  }

  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: ${tokens.spacing.xs} ${tokens.spacing.s};
    border-bottom: 1px solid ${tokens.colors.depthLight1};
    word-break: normal;
    overflow-wrap: normal;
  }

  /* Long identifiers may wrap anywhere; words never do. */
  code {
    overflow-wrap: anywhere;
  }

  thead th {
    ${tokens.typography.bodySemiBoldSmall}
    background: ${tokens.colors.depthLight3};
    border-bottom: 2px solid ${tokens.colors.depthBase};
  }
`;

export const Muted = styled.span`
  display: block;
  color: ${tokens.colors.depthDark1};
`;

export const Mono = styled.code`
  font-family: 'Roboto Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
`;
