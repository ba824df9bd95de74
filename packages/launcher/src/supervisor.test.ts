import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Reads a process's log until it contains `text`, for up to 2 s. */
async function logOnceItHas(name: string, text: string): Promise<string> {
  const logFile = path.join(logDir, `${name}.log`);
  let log = '';
  for (let attempt = 0; attempt < 100 && !log.includes(text); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  }
  return log;
}

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

  it('gives each process a channel that closes with the launcher', async () => {
    const reporter = path.join(logDir, 'report.js');
    writeFileSync(
      reporter,
      'process.stdout.write(`connected=${process.connected}\\n`);\nsetInterval(() => {}, 1000);\n',
    );
    const supervisor = new Supervisor(logDir, () => undefined);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      supervisor.start({ name: 'search', entry: reporter, port: 1, env: {} });
      const text = await logOnceItHas('search', 'connected=');
      expect(text).toContain('connected=true');
    } finally {
      await supervisor.stopAll(1000);
      stdout.mockRestore();
    }
  });

  it('runs each process in its own group', async () => {
    const reporter = path.join(logDir, 'group.js');
    writeFileSync(
      reporter,
      [
        "const stat = require('node:fs').readFileSync('/proc/self/stat', 'utf8');",
        "const group = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2];",
        'process.stdout.write(`pid=${process.pid} group=${group}\\n`);',
        'setInterval(() => {}, 1000);',
        '',
      ].join('\n'),
    );
    const supervisor = new Supervisor(logDir, () => undefined);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      supervisor.start({ name: 'gateway', entry: reporter, port: 1, env: {} });
      const text = await logOnceItHas('gateway', 'group=');
      const [, pid, group] = /pid=(\d+) group=(\d+)/.exec(text) ?? [];
      expect(pid).toBeDefined();
      expect(group).toBe(pid);
    } finally {
      await supervisor.stopAll(1000);
      stdout.mockRestore();
    }
  });

  it('starts nothing once stopping has begun', async () => {
    const supervisor = new Supervisor(logDir, () => undefined);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await supervisor.stopAll(1000);
      supervisor.start({ name: 'catalog', entry, port: 1, env: {} });

      expect(existsSync(path.join(logDir, 'catalog.log'))).toBe(false);
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      await supervisor.stopAll(1000);
      stdout.mockRestore();
    }
  });
});
