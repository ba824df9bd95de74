import pg from 'pg';

const TYPE_PARSERS = new Map<number, (value: string) => unknown>([
  [pg.types.builtins.DATE, (value) => value],
  [pg.types.builtins.NUMERIC, Number.parseFloat],
  [pg.types.builtins.INT8, (value) => Number.parseInt(value, 10)],
]);

/** Type parsers: dates stay `YYYY-MM-DD` strings, numerics and int8 become numbers. */
export function getTypeParser(oid: number, format?: string): (value: string) => unknown {
  return (
    TYPE_PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text')
  );
}

export function createTypeParsers(): pg.CustomTypesConfig {
  return { getTypeParser } as pg.CustomTypesConfig;
}
