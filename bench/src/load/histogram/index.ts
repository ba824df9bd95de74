export { LatencyHistogram } from './latency-histogram';
