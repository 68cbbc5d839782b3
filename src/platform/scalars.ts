import { LocalDateResolver } from 'graphql-scalars';

/** Calendar date without time or zone, `YYYY-MM-DD` (RFC 3339 full-date), from graphql-scalars. */
export const LocalDateScalar = LocalDateResolver;
