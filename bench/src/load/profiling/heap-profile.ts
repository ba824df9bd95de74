import { type CallFrame, describeFrame } from './call-frame';

/** A node of a `.heapprofile` (Chrome DevTools protocol `HeapProfiler.SamplingHeapProfile`). */
export interface HeapProfileNode {
  callFrame: CallFrame;
  /** Bytes of the sampled allocations made by this frame itself. */
  selfSize: number;
  children: HeapProfileNode[];
}

export interface HeapProfile {
  head: HeapProfileNode;
}

export interface AllocationSite {
  site: string;
  bytes: number;
  share: number;
}

export interface HeapProfileSummary {
  totalBytes: number;
  top: AllocationSite[];
}

/**
 * Adds up the sampled bytes per allocation site (function and position), merged across call
 * paths, and returns the `count` largest. Walks the tree without recursion, so deep stacks
 * cannot overflow the call stack.
 */
export function summarizeHeapProfile(profile: HeapProfile, count: number): HeapProfileSummary {
  const bytesBySite = new Map<string, number>();
  let totalBytes = 0;
  const pending: HeapProfileNode[] = [profile.head];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.selfSize > 0) {
      const site = describeFrame(node.callFrame);
      bytesBySite.set(site, (bytesBySite.get(site) ?? 0) + node.selfSize);
      totalBytes += node.selfSize;
    }
    pending.push(...node.children);
  }
  const top = [...bytesBySite.entries()]
    .sort(([, left], [, right]) => right - left)
    .slice(0, count)
    .map(([site, bytes]) => ({ site, bytes, share: totalBytes === 0 ? 0 : bytes / totalBytes }));
  return { totalBytes, top };
}
