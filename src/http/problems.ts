// Moved to src/shared/errors.ts (errors are the domain's, not HTTP's); kept while work in flight still imports it.
export * from '../shared/errors';
