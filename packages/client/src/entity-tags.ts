/**
 * Builds the ETag that the catalog sends for a scholarship: weak, from its id
 * and version. Admin writes need it in `If-Match`.
 */
export function scholarshipEntityTag(scholarship: { id: string; version: number }): string {
  return `W/"${scholarship.id}-${scholarship.version}"`;
}

/** Builds the ETag of a stored profile: its version in quotes. */
export function profileEntityTag(version: number): string {
  return `"${version}"`;
}
