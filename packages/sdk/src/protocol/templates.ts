// A WhatsApp template's text with its numbered variables filled in: what the composer previews
// and what the server stores as the message's text, by the same function.

const VARIABLE = /\{\{\s*(\d{1,2})\s*\}\}/g;

/** `body` with each {{n}} replaced by `values[n]`; a variable without a value stays as written. */
export function fillTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(VARIABLE, (whole, key: string) => values[String(Number(key))] ?? whole);
}

/** The numbered variables a template's text names, in order ("1", "2"…). */
export function templateVariables(body: string): string[] {
  const keys = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) keys.add(String(Number(match[1])));
  return [...keys].sort((a, b) => Number(a) - Number(b));
}

/**
 * Why a variable's value cannot go (WhatsApp refuses empty ones, and line breaks, tabs or more
 * than four spaces in a row in them), or null when it can.
 */
export function templateValueProblem(value: string): 'empty' | 'layout' | null {
  if (!value.trim()) return 'empty';
  if (/[\n\r\t]| {5}/.test(value)) return 'layout';
  return null;
}
