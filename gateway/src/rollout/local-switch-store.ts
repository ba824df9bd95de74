import { SwitchHolder } from './switch-holder';
import { applyChange, type RolloutSwitches, type SwitchChange } from './switch-state';
import type { Propagation, SwitchStore } from './switch-store';

/** Switches of one replica, without Redis: each replica keeps its own. */
export function createLocalSwitchStore(initial: RolloutSwitches): SwitchStore {
  const holder = new SwitchHolder(initial);
  return {
    scope: 'replica',
    current: () => holder.current(),
    update(change: SwitchChange): Promise<Propagation> {
      holder.replace(applyChange(holder.current(), change));
      return Promise.resolve('replica');
    },
    onChange: (listener) => holder.onChange(listener),
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
