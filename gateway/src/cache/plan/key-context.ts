import { nextUtcMidnight, utcDate } from '../clock';
import type { GenerationValue } from '../invalidation/catalog-generation';
import type { ProfileToken } from '../invalidation/profile-tokens';
import type { BypassReason } from '../keys/key-part';
import type { KeyContext, RoutePolicy } from '../policy';
import type { CacheRuntime } from '../runtime';

export type KeyContextResult =
  | {
      ok: true;
      parts: string[];
      shared: boolean;
      notAfter: number | undefined;
      /** The parts with each replaced catalog generation whose entries may stand in, newest first. */
      replacedParts: string[][];
    }
  | { ok: false; reason: BypassReason };

export interface KeyContextInput {
  userId: string | undefined;
  /** Scholarship named by the body, for `scholarship-version`. */
  scholarshipId: string | undefined;
}

/** The values a key's context parts are read from, once every one of them is known. */
interface ContextValues {
  /**
   * The scholarship's version when known at the start of planning. It is read once, with the
   * decision it makes: `scholarship-version` then needs no generation.
   */
  version: number | undefined;
  /** The last generation read; every generation-based part uses it. */
  generation: GenerationValue | undefined;
  profile: ProfileToken | undefined;
}

/**
 * Resolves the context parts of a policy key (see KeyContext). Any part that is local to this
 * replica makes the whole key local, so its entries never reach Redis. It returns at once unless
 * a generation read started by an event or a profile version read is in flight.
 */
export function resolveKeyContext(
  runtime: CacheRuntime,
  policy: RoutePolicy,
  input: KeyContextInput,
): KeyContextResult | Promise<KeyContextResult> {
  const values = readContextValues(runtime, policy, input);
  if (values instanceof Promise) {
    return values.then((read) => buildContext(runtime, policy, input, read));
  }
  return buildContext(runtime, policy, input, values);
}

/**
 * Reads the values in the order of the policy's context. At the first value that must wait, the
 * rest are read after it, so a part later in the list reflects events that arrived during the
 * wait.
 */
function readContextValues(
  runtime: CacheRuntime,
  policy: RoutePolicy,
  input: KeyContextInput,
): ContextValues | Promise<ContextValues> {
  const values: ContextValues = {
    version:
      input.scholarshipId !== undefined && policy.keyContext.includes('scholarship-version')
        ? runtime.versions.get(input.scholarshipId)
        : undefined,
    generation: undefined,
    profile: undefined,
  };
  const contexts = policy.keyContext;
  for (let index = 0; index < contexts.length; index += 1) {
    const waiting = readContextValue(runtime, contexts[index] as KeyContext, input, values);
    if (waiting !== undefined) {
      return waiting.then(() => readRemainingValues(runtime, contexts, input, values, index + 1));
    }
  }
  return values;
}

async function readRemainingValues(
  runtime: CacheRuntime,
  contexts: readonly KeyContext[],
  input: KeyContextInput,
  values: ContextValues,
  from: number,
): Promise<ContextValues> {
  for (let index = from; index < contexts.length; index += 1) {
    await readContextValue(runtime, contexts[index] as KeyContext, input, values);
  }
  return values;
}

/** Stores the value of one context part in `values`, or returns a promise that stores it. */
function readContextValue(
  runtime: CacheRuntime,
  context: KeyContext,
  input: KeyContextInput,
  values: ContextValues,
): Promise<void> | undefined {
  if (
    context === 'generation' ||
    (context === 'scholarship-version' && values.version === undefined)
  ) {
    const settled = runtime.generation.settled();
    if (settled === undefined) {
      return runtime.generation.current().then((generation) => {
        values.generation = generation;
      });
    }
    values.generation = settled;
  } else if (context === 'profile') {
    const token = runtime.profiles.token(input.userId ?? '');
    if (token instanceof Promise) {
      return token.then((read) => {
        values.profile = read;
      });
    }
    values.profile = token;
  }
  return undefined;
}

function buildContext(
  runtime: CacheRuntime,
  policy: RoutePolicy,
  input: KeyContextInput,
  values: ContextValues,
): KeyContextResult {
  const parts: string[] = [];
  let shared = true;
  let notAfter: number | undefined;
  let replaced: { index: number; texts: string[] } | undefined;
  if (policy.audience === 'per-user') parts.push(`user:${input.userId ?? ''}`);
  for (const context of policy.keyContext) {
    if (
      context === 'generation' ||
      (context === 'scholarship-version' && values.version === undefined)
    ) {
      const generation = values.generation as GenerationValue;
      if (context === 'generation' && policy.catalogWriteGrace) {
        const texts = runtime.generation.replacedWithinGrace();
        if (texts.length > 0) replaced = { index: parts.length, texts };
      }
      parts.push(`generation:${generation.text}`);
      shared &&= generation.shared;
    } else if (context === 'scholarship-version') {
      parts.push(`scholarship:${input.scholarshipId ?? ''}@${values.version}`);
    } else if (context === 'day') {
      const now = runtime.clock();
      parts.push(`day:${utcDate(now)}`);
      notAfter = nextUtcMidnight(now);
    } else {
      const token = values.profile as ProfileToken;
      if (!token.ok) return { ok: false, reason: token.reason };
      parts.push(`profile:${token.text}`);
      shared &&= token.shared;
    }
  }
  const replacedParts =
    replaced?.texts.map((text) => parts.with(replaced.index, `generation:${text}`)) ?? [];
  return { ok: true, parts, shared, notAfter, replacedParts };
}
