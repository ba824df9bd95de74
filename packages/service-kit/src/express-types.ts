import type { Logger } from '@scholarships/logger';

declare global {
  namespace Express {
    interface Request {
      /** Request id, taken from a valid `X-Request-Id` or newly made. */
      id: string;
      /** Logger bound to the request id and trace id. */
      log: Logger;
    }
  }
}
