import { en } from './en.js';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every catalogue must have: the keys of the English one, each a string. */
export type Messages = Widen<typeof en>;
