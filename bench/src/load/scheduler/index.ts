export { type SchedulerClock, systemClock } from './clock';
export {
  dueOffsetNs,
  type OpenLoop,
  type OpenLoopOptions,
  startOpenLoop,
} from './open-loop-scheduler';
