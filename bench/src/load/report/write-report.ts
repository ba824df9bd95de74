import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderHtml } from './render-html';
import type { BenchReport } from './types';

/** Formats `date` as a file-name-safe timestamp such as `2025-12-04T18-50-12Z`. */
export function reportTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

/** Writes `bench-<timestamp>.json` and `.html` to `directory`; returns both paths. */
export async function writeReport(
  report: BenchReport,
  directory: string,
  timestamp: string,
): Promise<{ json: string; html: string }> {
  await mkdir(directory, { recursive: true });
  const json = path.join(directory, `bench-${timestamp}.json`);
  const html = path.join(directory, `bench-${timestamp}.html`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderHtml(report));
  return { json, html };
}
