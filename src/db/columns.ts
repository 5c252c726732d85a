import type { ColumnType, Generated } from 'kysely';

/** Set by the database on insert, never written by the application afterwards. */
export type CreatedAt = ColumnType<Date, never, never>;
/** Defaults on insert; the application bumps it on every update. */
export type UpdatedAt = ColumnType<Date, never, Date | string>;
/** A `date` column: read and written as 'YYYY-MM-DD'. */
export type DateOnly = string;
export type Id = Generated<string>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
export type Json<T> = ColumnType<T, string | undefined, string>;
