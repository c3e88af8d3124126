/**
 * Strings an attacker or an unlucky paste would send: SQL and template injection, script and
 * markup, path traversal, spreadsheet formulas, encodings and Unicode edge cases.
 */
export const INJECTION_PROBES = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE person; --',
  "'); DROP TABLE audit_event; --",
  "1' UNION SELECT password_hash FROM staff_user --",
  "' || (SELECT current_user) || '",
  '$1',
  "E'\\x41'",
  '%',
  '_%_',
  '\\',
  '\\\\x00',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '</textarea><svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '{{constructor.constructor("return process")()}}',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'file:///etc/passwd',
  '=HYPERLINK("http://x.example","x")',
  "=cmd|' /C calc'!A0",
  '+SUM(1,1)',
  '@SUM(1,1)',
  '-2+3',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x7fffffff',
  'C-00001',
] as const;

/** Unicode and control-character edge cases. */
export const UNICODE_PROBES = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\r\nSet-Cookie: injected=1',
  '\t\n\r',
  '\u202eevil\u202c',
  '\ufeffbom',
  '\u200b\u200c\u200d',
  '\ud800',
  'x\udfffy',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̷̢̛a̶͎͝l̵̰̈g̴̣̈́o̷̧͒',
  'Åsa Öhman-Ääri',
  'Nguyễn Thị Mỹ',
  'Мария Иванова',
  'محمد',
  '李小龍',
  'ǅ ǈ ǋ ß ẞ ﬁ',
  '\u00a0non-breaking\u00a0',
  '   ',
  '',
] as const;

export const HOSTILE_STRINGS: readonly string[] = [...INJECTION_PROBES, ...UNICODE_PROBES];

/** Longer than any field allows, to find limits that are not enforced. */
export const LONG_STRINGS: readonly string[] = ['A'.repeat(5_000), '\u00e4'.repeat(70_000), '𝕏'.repeat(1_100)];
