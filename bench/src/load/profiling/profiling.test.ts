import { summarizeCpuProfile } from './cpu-profile';
import type { HeapProfileNode } from './heap-profile';
import { summarizeHeapProfile } from './heap-profile';

function frame(functionName: string, url = '', lineNumber = 0) {
  return { functionName, url, lineNumber, columnNumber: 0 };
}

describe('summarizeCpuProfile', () => {
  const profile = {
    startTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('parse', 'file:///app/parse.js', 9) },
      { id: 4, callFrame: frame('parse', 'file:///app/parse.js', 9) },
      { id: 5, callFrame: frame('', 'file:///app/route.js', 0) },
    ],
    samples: [2, 3, 4, 5, 3, 2],
    timeDeltas: [1000, 2000, 3000, 1000, 2000, 1000],
  };
  const summary = summarizeCpuProfile(profile, 2);

  it('merges the nodes of one function and orders by self time', () => {
    expect(summary.top).toEqual([
      { function: 'parse /app/parse.js:10:1', selfMs: 7, share: 7 / 8 },
      { function: '(anonymous) /app/route.js:1:1', selfMs: 1, share: 1 / 8 },
    ]);
  });

  it('keeps idle time out of the shares', () => {
    expect(summary.totalMs).toBe(10);
    expect(summary.idleMs).toBe(2);
    expect(summary.windowed).toBe(false);
  });

  it('counts only the samples inside a window', () => {
    // Samples are taken at 1,001, 1,003, 1,006, 1,007, 1,009 and 1,010 ms.
    const inside = summarizeCpuProfile(profile, 5, { startUs: 1_005_000, endUs: 1_009_000 });
    expect(inside.windowed).toBe(true);
    expect(inside.totalMs).toBe(6);
    expect(inside.top.map((entry) => entry.selfMs)).toEqual([5, 1]);
  });

  it('counts every sample when none is inside the window', () => {
    const outside = summarizeCpuProfile(profile, 5, { startUs: 0, endUs: 10 });
    expect(outside.windowed).toBe(false);
    expect(outside.totalMs).toBe(10);
  });
});

describe('summarizeHeapProfile', () => {
  function node(name: string, selfSize: number, children: HeapProfileNode[] = []): HeapProfileNode {
    return { callFrame: frame(name, 'file:///app/a.js', 4), selfSize, children };
  }

  it('adds up sampled bytes per site across call paths', () => {
    const head = node('(root)', 0, [
      node('readBody', 4096, [node('JSON.parse', 1024)]),
      node('handler', 0, [node('readBody', 4096)]),
    ]);
    const summary = summarizeHeapProfile({ head }, 5);
    expect(summary.totalBytes).toBe(9216);
    expect(summary.top[0]).toEqual({
      site: 'readBody /app/a.js:5:1',
      bytes: 8192,
      share: 8192 / 9216,
    });
    expect(summary.top).toHaveLength(2);
  });
});
