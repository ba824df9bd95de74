import type { Metric, Registry } from 'prom-client';
import { orderedLabelValues } from './label-values';

export interface SeriesCounterConfig<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  registers: readonly Registry[];
}

/** One label set's series of a counter. */
export interface CounterSeries {
  /** Adds `value` (default 1), which must be a finite number of at least zero. */
  inc(value?: number): void;
}

interface CounterState extends CounterSeries {
  labels: Record<string, string>;
  value: number;
  /** Whether the series is exported, which it is from its first increment until a reset. */
  exported: boolean;
}

/**
 * A Prometheus counter for request paths, exported exactly as prom-client's `Counter` exports the
 * same increments. prom-client hashes and validates the label values on every `inc`, even through
 * a series taken with `labels()`. Here a series that its caller keeps only adds.
 *
 * Three differences from prom-client. `labels()` takes one object and rejects a missing label.
 * `reset()` keeps the series objects (hidden until incremented again), so series that callers
 * hold stay valid. A series keeps the label order of the call that created it, where prom-client
 * takes that of the first increment after each reset.
 */
export class SeriesCounter<L extends string = string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly labelNames: readonly L[];
  private readonly series = new Map<string, CounterState>();

  constructor(config: SeriesCounterConfig<L>) {
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames ?? [];
    // prom-client shows a counter without labels at zero from the start.
    if (this.labelNames.length === 0) this.seriesOf({} as Record<L, string>).exported = true;
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** Returns the series of one label set. Callers keep it, so that counting needs no lookup. */
  labels(values: Readonly<Record<L, string>>): CounterSeries {
    return this.seriesOf(values);
  }

  /** Adds `value` (default 1) to the series of `values`, looking the series up by its labels. */
  inc(values: Readonly<Record<L, string>>, value?: number): void {
    this.seriesOf(values).inc(value);
  }

  reset(): void {
    for (const state of this.series.values()) {
      state.value = 0;
      state.exported = this.labelNames.length === 0;
    }
  }

  /** The form `Registry.metrics()` formats, as prom-client's `Counter` returns it. */
  async get() {
    const values: { value: number; labels: Record<string, string> }[] = [];
    for (const state of this.series.values()) {
      if (state.exported) values.push({ value: state.value, labels: state.labels });
    }
    return {
      help: this.help,
      name: this.name,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  private seriesOf(values: Readonly<Record<L, string>>): CounterState {
    const ordered = orderedLabelValues(this.name, this.labelNames, values);
    const key = JSON.stringify(ordered);
    let state = this.series.get(key);
    if (state === undefined) {
      // prom-client exports the labels in the order of the object of the first increment.
      const created = createState({ ...values }, () => {
        // prom-client exports series in the order of their first increment since the last reset,
        // so a series moves to the end of the map when it is exported again.
        this.series.delete(key);
        this.series.set(key, created);
      });
      state = created;
      this.series.set(key, state);
    }
    return state;
  }
}

function createState(labels: Record<string, string>, onExport: () => void): CounterState {
  const state: CounterState = {
    labels,
    value: 0,
    exported: false,
    inc(value = 1) {
      if (!Number.isFinite(value)) throw new TypeError(`value ${value} is not a finite number`);
      if (value < 0) throw new RangeError(`a counter cannot decrease, got ${value}`);
      state.value += value;
      if (!state.exported) {
        state.exported = true;
        onExport();
      }
    },
  };
  return state;
}
