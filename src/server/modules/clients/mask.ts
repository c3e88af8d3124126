const MASK = '•';

/** "Sita Example" → "S••• E••••••": enough to tell records apart on screen, not to read a name. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => [...part][0] + MASK.repeat(Math.max(2, [...part].length - 1)))
    .join(' ');
}

/** A person's names as every list and page shows them before a reveal. */
export function maskedNames(identity: { givenNames: string | null; familyName: string | null }) {
  return { givenNames: maskName(identity.givenNames), familyName: maskName(identity.familyName) };
}
