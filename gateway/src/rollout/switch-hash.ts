import type { GuardTrip, SwitchChange } from './switch-state';

/**
 * Returns the hash fields that store `change`. Each field holds a string: `cacheEnabled` `true` or
 * `false`, `middlewareOrder` `default` or `legacy`, `rolloutPercent` an integer from 0 to 100, and
 * `guardTrip` the trip as JSON, or empty while the guard holds nothing.
 */
export function encodeChange(change: SwitchChange): Record<string, string> {
  const fields: Record<string, string> = {};
  if (change.cacheEnabled !== undefined) fields.cacheEnabled = String(change.cacheEnabled);
  if (change.middlewareOrder !== undefined) fields.middlewareOrder = change.middlewareOrder;
  if (change.rolloutPercent !== undefined) fields.rolloutPercent = String(change.rolloutPercent);
  if (change.guardTrip !== undefined) {
    fields.guardTrip = change.guardTrip === null ? '' : JSON.stringify(change.guardTrip);
  }
  return fields;
}

/** The switches read from the hash, and the fields whose values were invalid. */
export interface DecodedHash {
  change: SwitchChange;
  invalidFields: string[];
}

/**
 * Reads the switches stored in the hash. A missing field leaves the replica's default in place,
 * and an invalid one is listed so the caller can log it, because a hand-edited hash must not
 * stop the gateway.
 */
export function decodeHash(hash: Readonly<Record<string, string>>): DecodedHash {
  const change: SwitchChange = {};
  const invalidFields: string[] = [];
  const { cacheEnabled, middlewareOrder, rolloutPercent, guardTrip } = hash;
  if (cacheEnabled === 'true' || cacheEnabled === 'false') {
    change.cacheEnabled = cacheEnabled === 'true';
  } else if (cacheEnabled !== undefined) invalidFields.push('cacheEnabled');
  if (middlewareOrder === 'default' || middlewareOrder === 'legacy') {
    change.middlewareOrder = middlewareOrder;
  } else if (middlewareOrder !== undefined) invalidFields.push('middlewareOrder');
  const percent = rolloutPercent === undefined ? undefined : parsePercent(rolloutPercent);
  if (percent !== undefined) change.rolloutPercent = percent;
  else if (rolloutPercent !== undefined) invalidFields.push('rolloutPercent');
  if (guardTrip === '') change.guardTrip = null;
  else if (guardTrip !== undefined) {
    const trip = parseTrip(guardTrip);
    if (trip === undefined) invalidFields.push('guardTrip');
    else change.guardTrip = trip;
  }
  return { change, invalidFields };
}

function parsePercent(value: string): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const percent = Number(value);
  return percent <= 100 ? percent : undefined;
}

function parseTrip(value: string): GuardTrip | undefined {
  try {
    const parsed = JSON.parse(value) as Partial<GuardTrip>;
    if (parsed.reason !== 'error_ratio' && parsed.reason !== 'p95') return undefined;
    if (typeof parsed.at !== 'string') return undefined;
    return {
      reason: parsed.reason,
      at: parsed.at,
      requests: Number(parsed.requests),
      errorRatio: Number(parsed.errorRatio),
      p95Ms: Number(parsed.p95Ms),
    };
  } catch {
    return undefined;
  }
}
