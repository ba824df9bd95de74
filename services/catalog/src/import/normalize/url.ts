/** Returns the trimmed URL when it is a valid absolute http(s) URL, otherwise `null`. */
export function cleanUrl(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return null;
  return text;
}
