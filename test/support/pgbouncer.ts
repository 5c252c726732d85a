/** PgBouncer on loopback in transaction mode; implemented in bench/ so the compiled benchmark shares it. */
export { pgbouncerVersion, startPgBouncer, supportsPreparedStatements, type PgBouncer, type PgBouncerOptions } from '../../bench/pgbouncer';
