/** The two arms of a rollout: response cache and `default` order, or neither. */
export type Variant = 'optimized' | 'baseline';

export const VARIANTS: readonly Variant[] = ['optimized', 'baseline'];

/**
 * Returns the client's bucket, from 0 to 99: FNV-1a over the key's UTF-16 code units, then the
 * MurmurHash3 finalizer so that the low digits used for the bucket mix every input bit.
 */
export function bucketOf(clientKey: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < clientKey.length; index += 1) {
    hash ^= clientKey.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 100;
}

/**
 * Assigns a client to an arm. A client's bucket never changes, so raising the percentage only
 * moves clients from the baseline to the optimized arm, and lowering it only the other way.
 */
export function assignVariant(clientKey: string, rolloutPercent: number): Variant {
  return bucketOf(clientKey) < rolloutPercent ? 'optimized' : 'baseline';
}
