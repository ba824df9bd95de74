/**
 * Returns the label values in `labelNames` order, and throws on a missing or unknown label, so
 * that a typo in a label name fails where it is made rather than exporting a wrong series.
 */
export function orderedLabelValues<L extends string>(
  metricName: string,
  labelNames: readonly L[],
  values: Readonly<Record<L, string>>,
): string[] {
  for (const name of Object.keys(values)) {
    if (!labelNames.includes(name as L)) {
      throw new TypeError(
        `unknown label ${name} for ${metricName}: use only ${labelNames.join(', ')}`,
      );
    }
  }
  return labelNames.map((name) => {
    const value = values[name];
    if (typeof value !== 'string') {
      throw new TypeError(`label ${name} of ${metricName} is missing or not a string`);
    }
    return value;
  });
}

/** Builds the labels object of one series from its ordered values. */
export function labelsOf(labelNames: readonly string[], ordered: readonly string[]) {
  const labels: Record<string, string> = {};
  labelNames.forEach((name, index) => {
    labels[name] = ordered[index] as string;
  });
  return labels;
}
