import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Supervisor } from './supervisor';

let logDir: string;
let entry: string;

beforeEach(() => {
  logDir = mkdtempSync(path.join(tmpdir(), 'launcher-supervisor-'));
  // A process that runs until it is stopped.
  entry = path.join(logDir, 'idle.js');
  writeFileSync(entry, 'setInterval(() => {}, 1000);\n');
});

afterEach(() => {
  rmSync(logDir, { recursive: true, force: true });
});

describe('Supervisor', () => {
  it('stops on an unopenable log file', async () => {
    mkdirSync(path.join(logDir, 'catalog.log'));
    const unexpected: string[] = [];
    const supervisor = new Supervisor(logDir, (name) => unexpected.push(name));
    const output = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      supervisor.start({ name: 'catalog', entry, port: 1, env: {} });
      for (let attempt = 0; attempt < 50 && unexpected.length === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(unexpected).toEqual(['catalog']);
      expect(String(output.mock.calls[0]?.[0])).toContain('cannot write');
    } finally {
      await supervisor.stopAll(1000);
      output.mockRestore();
      stdout.mockRestore();
    }
  });
});
