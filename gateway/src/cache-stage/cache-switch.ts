import type { ResponseCache } from '../cache';
import type { SwitchStore } from '../rollout';

/** Turns the cache on or off whenever the rollout's `cacheEnabled` switch changes. */
export function followCacheSwitch(cache: ResponseCache, switches: SwitchStore): void {
  const apply = (enabled: boolean) => {
    if (cache.isEnabled() !== enabled) cache.setEnabled(enabled);
  };
  apply(switches.current().cacheEnabled);
  switches.onChange((next) => apply(next.cacheEnabled));
}
