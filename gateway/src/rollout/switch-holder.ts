import { type RolloutSwitches, switchesDiffer } from './switch-state';

/** The switches of this replica in memory, and the listeners to call after each change. */
export class SwitchHolder {
  private switches: RolloutSwitches;
  private readonly listeners: ((switches: RolloutSwitches) => void)[] = [];

  constructor(initial: RolloutSwitches) {
    this.switches = initial;
  }

  current(): RolloutSwitches {
    return this.switches;
  }

  /** Replaces the values and notifies the listeners when any switch differs. */
  replace(next: RolloutSwitches): void {
    if (!switchesDiffer(this.switches, next)) return;
    this.switches = next;
    for (const listener of this.listeners) listener(next);
  }

  onChange(listener: (switches: RolloutSwitches) => void): void {
    this.listeners.push(listener);
  }
}
