import { en } from './en.js';

/** `T` with every string literal widened to `string`: the shape a translation of `T` must have. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every catalogue must have: the keys of the English one, each a string. */
export type Messages = Widen<typeof en>;
