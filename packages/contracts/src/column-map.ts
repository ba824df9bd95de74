import type { ScholarshipRow } from './scholarship-row';

type Column = keyof ScholarshipRow;

/** Columns whose stored type accepts a value of type `Value`. */
type ColumnStoring<Value> = {
  [C in Column]-?: [Value] extends [ScholarshipRow[C]] ? C : never;
}[Column];

/**
 * The `scholarships` column that stores each field of a group such as
 * `Scholarship['award']`. Every field needs a column that can store its value.
 */
export type ColumnMapOf<Group> = { readonly [Field in keyof Group]-?: ColumnStoring<Group[Field]> };

/** Field names mapped to the columns that store them. */
export type ColumnMap = Readonly<Record<string, Column>>;

/** The row columns that a map reads or writes. */
export type MappedColumns<Map extends ColumnMap> = Pick<ScholarshipRow, Map[keyof Map]>;

/** The fields of a map, typed as their columns store them. */
export type MappedFields<Map extends ColumnMap> = {
  [Field in keyof Map]: ScholarshipRow[Map[Field]];
};

/** Reads the columns of `map` from a row into fields, in the map's order. */
export function fieldsFromColumns<Map extends ColumnMap>(
  row: MappedColumns<Map>,
  map: Map,
): MappedFields<Map> {
  const values: Partial<ScholarshipRow> = row;
  const fields: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(map)) fields[field] = values[column];
  return fields as MappedFields<Map>;
}

/** Writes the fields of a group into the columns that `map` names, in the map's order. */
export function columnsFromFields<Map extends ColumnMap>(
  fields: MappedFields<Map>,
  map: Map,
): MappedColumns<Map> {
  const values: Record<string, unknown> = fields;
  const columns: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(map)) columns[column] = values[field];
  return columns as MappedColumns<Map>;
}
