// The form the server accepts: "C-" and at least five digits, either case.
const CLIENT_NUMBER = /^C-\d{5,}$/i;

export type ClientNumberCheck = { ok: true; number: string } | { ok: false; problem: 'required' | 'invalid' };

/** The client number as typed, checked and written the way the records show it (e.g. "c-00318" to "C-00318"). */
export function checkClientNumber(text: string): ClientNumberCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'required' };
  if (!CLIENT_NUMBER.test(trimmed)) return { ok: false, problem: 'invalid' };
  return { ok: true, number: trimmed.toUpperCase() };
}
