import type { ArmSwitches } from '../stack';

/** One configuration of the platform to measure. */
export interface ArmPlan {
  name: string;
  description: string;
  switches: ArmSwitches;
  /** Whether the composite indexes exist while the arm runs. */
  indexes: 'on' | 'off';
  /** The reason the arm cannot be measured on this build; undefined when it can. */
  unsupported?: string;
}

const EVERYTHING_ON: ArmSwitches = {
  cacheEnabled: true,
  middlewareOrder: 'default',
  preparedStatements: true,
};

/** The cache off and the legacy middleware order; statements and indexes as the build has them. */
export const BASELINE_ARM: ArmPlan = {
  name: 'baseline',
  description: 'CACHE_ENABLED=false MIDDLEWARE_ORDER=legacy',
  switches: { cacheEnabled: false, middlewareOrder: 'legacy', preparedStatements: true },
  indexes: 'on',
};

export const OPTIMIZED_ARM: ArmPlan = {
  name: 'optimized',
  description: 'CACHE_ENABLED=true MIDDLEWARE_ORDER=default',
  switches: EVERYTHING_ON,
  indexes: 'on',
};

const ALL_OFF: ArmSwitches = {
  cacheEnabled: false,
  middlewareOrder: 'legacy',
  preparedStatements: false,
};

/**
 * Lists the ablation arms: everything off, each optimization alone, then all together. The first arm is
 * the baseline every reduction is measured against.
 */
export function ablationArms(): ArmPlan[] {
  return [
    {
      name: 'all off',
      description: 'cache off, legacy order, no prepared statements, no composite indexes',
      switches: ALL_OFF,
      indexes: 'off',
    },
    {
      name: 'cache',
      description: 'response cache on alone',
      switches: { ...ALL_OFF, cacheEnabled: true },
      indexes: 'off',
    },
    {
      name: 'middleware order',
      description: 'default middleware order alone',
      switches: { ...ALL_OFF, middlewareOrder: 'default' },
      indexes: 'off',
    },
    {
      name: 'prepared statements',
      description: 'named prepared statements alone',
      switches: { ...ALL_OFF, preparedStatements: true },
      indexes: 'off',
    },
    {
      name: 'composite indexes',
      description: 'composite indexes alone',
      switches: ALL_OFF,
      indexes: 'on',
    },
    {
      name: 'all on',
      description: 'every optimization on',
      switches: EVERYTHING_ON,
      indexes: 'on',
    },
  ];
}
