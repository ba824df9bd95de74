import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOG_BATCH_BYTES, outputDestination } from './output-destination';

const directory = mkdtempSync(path.join(tmpdir(), 'logger-output-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function openLog(name: string): { fd: number; read: () => string } {
  const file = path.join(directory, name);
  return { fd: openSync(file, 'w'), read: () => readFileSync(file, 'utf8') };
}

async function waitFor(read: () => string, limitMs = 2000): Promise<string> {
  const deadline = Date.now() + limitMs;
  while (read() === '' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return read();
}

const line = (n: number) => `${JSON.stringify({ msg: 'request finished', n })}\n`;

describe('outputDestination', () => {
  it('holds short lines until a batch is full', async () => {
    const log = openLog('batched.log');
    const destination = outputDestination(60_000, log.fd);
    destination.write(line(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.read()).toBe('');

    let written = line(0).length;
    for (let n = 1; written <= LOG_BATCH_BYTES; n += 1) {
      destination.write(line(n));
      written += line(n).length;
    }
    const text = await waitFor(log.read);
    expect(text.startsWith(line(0))).toBe(true);
    destination.flushSync();
    destination.end();
  });

  it('flushes a short line after the interval', async () => {
    const log = openLog('quiet.log');
    const destination = outputDestination(50, log.fd);
    destination.write(line(1));
    expect(log.read()).toBe('');
    expect(await waitFor(log.read)).toBe(line(1));
    destination.end();
  });

  it('writes each line with interval 0', async () => {
    const log = openLog('unbatched.log');
    const destination = outputDestination(0, log.fd);
    destination.write(line(2));
    expect(await waitFor(log.read, 40)).toBe(line(2));
    destination.end();
  });
});
