import type { PlannedRequest, Workload } from './planned-request';

const BARE_REQUEST: PlannedRequest = {
  route: 'bare',
  request: { method: 'GET', path: '/' },
  readBody: false,
  isExpected: (status) => status === 200,
  cacheable: false,
};

/** The same request every time, for the bare Node.js server that sets the floor of the figures. */
export class BareWorkload implements Workload {
  next(): PlannedRequest {
    return BARE_REQUEST;
  }
}
