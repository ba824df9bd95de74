export { type CallFrame, describeFrame } from './call-frame';
export {
  type CpuProfile,
  type CpuProfileSummary,
  type SelfTimeEntry,
  summarizeCpuProfile,
  type TimeWindow,
} from './cpu-profile';
export {
  type AllocationSite,
  type HeapProfile,
  type HeapProfileSummary,
  summarizeHeapProfile,
} from './heap-profile';
