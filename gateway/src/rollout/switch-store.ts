import type { RolloutSwitches, SwitchChange } from './switch-state';

/**
 * Propagation state of a change: `replica` without Redis, `shared` once written to Redis, or
 * `pending` when Redis failed. A pending change applies on this replica and is written again
 * every sync.
 */
export type Propagation = 'replica' | 'shared' | 'pending';

/** The switches of this replica, kept equal to the shared state when Redis is configured. */
export interface SwitchStore {
  /** `shared` with Redis, `replica` without it. */
  readonly scope: 'shared' | 'replica';
  /** The current values; cheap enough to call per request. */
  current(): RolloutSwitches;
  /** Applies a change here at once and writes it for every replica. */
  update(change: SwitchChange): Promise<Propagation>;
  /** Calls `listener` with the new values after every change, local or from another replica. */
  onChange(listener: (switches: RolloutSwitches) => void): void;
  /** Resolves once the shared state was read for the first time, or that read failed. */
  ready(): Promise<void>;
  close(): Promise<void>;
}
