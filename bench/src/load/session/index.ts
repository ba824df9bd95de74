export { openSession } from './open-session';
