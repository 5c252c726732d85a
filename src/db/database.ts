import { createHash } from 'node:crypto';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import type { DatabaseConnection } from './database-connection';
import type { Database } from './schema';

// Dates stay 'YYYY-MM-DD' strings: a due date has no time zone and must not shift.
pg.types.setTypeParser(1082, (v) => v);
// bigint counts and ids fit comfortably in a double here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

const PREPARED_MARK = '/* prepared */';

/**
 * Marks a statement that runs on every card action or reminder: it is prepared once per
 * connection, so Postgres plans it once rather than on every call (planning cost more than
 * running these). Only for statements whose text does not vary (use `= any($n)` rather than
 * `in (…)` lists), since each distinct text stays prepared for the connection's life.
 * Pass row sets as JSON (`jsonb_to_recordset`) rather than as arrays to `unnest`: Postgres
 * sizes an unnest by the array it is given, so it would plan such a statement anew for every
 * call to fit, which is what preparing it is meant to avoid.
 * Use as `.modifyEnd(prepared)` on a query builder, or inside a `sql` template.
 */
export const prepared = sql.raw(PREPARED_MARK);

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** SQLSTATE of "cached plan must not change result type". */
const FEATURE_NOT_SUPPORTED = '0A000';

/**
 * The pg pool as Kysely sees it, sending marked statements as named (prepared) ones. With
 * `named` false every statement goes unnamed: a pooler in transaction mode that does not track
 * prepared statements (PgBouncer before 1.21, or with max_prepared_statements = 0) hands a
 * connection's next transaction to any server connection, where a statement prepared on another
 * one is missing or one of the same name already exists (42P05).
 */
function preparingPool(pool: pg.Pool, named: boolean): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // A connection lost while checked out between two statements (PostgreSQL restarting under an
    // open transaction, PgBouncer passing on the server's 57P01) is emitted as an 'error' event,
    // which without a listener ends the process. The next statement fails instead, and the pool
    // drops the broken client when it comes back.
    client.on('error', () => undefined);
    // Statements this connection no longer prepares (see below).
    const unprepared = new Set<string>();
    const query = async <R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
      const values = [...parameters];
      const name = named && text.includes(PREPARED_MARK) && !unprepared.has(text) ? statementName(text) : undefined;
      let result: pg.QueryResult;
      try {
        result = await client.query(name ? { name, text, values } : { text, values });
      } catch (error) {
        // A newer instance migrated a table under a prepared statement (say, a column added
        // to a `select *`): Postgres refuses to change its result's shape. This connection then
        // sends that text unprepared; outside a transaction the call is simply repeated so.
        if (!name || (error as { code?: unknown }).code !== FEATURE_NOT_SUPPORTED) throw error;
        unprepared.add(text);
        if (client.getTransactionStatus() !== 'I') throw error;
        result = await client.query({ text, values });
      }
      return { command: result.command as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows as R[] };
    };
    return { query: query as PostgresPoolClient['query'], release: (destroy?: boolean) => client.release(destroy) };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      // Kysely keys its connections by this object: the same client must come back as the same wrapper.
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** The same server and credentials, another database: how test and bench clusters hand out databases. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A database that does not take connections fails a request in this time (503) instead of
 * holding it open; a refused connection fails at once anyway.
 */
const CONNECTION_TIMEOUT_MS = 5_000;

export interface ConnectOptions {
  /** Send the marked hot statements as named ones (DATABASE_PREPARED_STATEMENTS); default true. */
  preparedStatements?: boolean;
}

export function connectDatabase(connection: DatabaseConnection, poolSize = 20, connectionTimeoutMillis = CONNECTION_TIMEOUT_MS, options: ConnectOptions = {}): DatabaseHandle {
  const target = typeof connection === 'string' ? { connectionString: connection } : connection;
  const pool = new pg.Pool({ ...target, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool, options.preparedStatements ?? true) }), plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  return {
    db,
    pool,
    close: () => db.destroy(),
  };
}
