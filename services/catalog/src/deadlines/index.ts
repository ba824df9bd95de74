export { delayUntilNextCheck, startDeadlineRollover } from './deadline-rollover';
export { rollPastDeadlines } from './roll-deadlines';
