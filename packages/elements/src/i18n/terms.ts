// Every term Convkit shows, as one type: what a complete translation must give.
import type { TERM_MODULES } from './terms/all.js';

type Intersection<U> = (U extends unknown ? (each: U) => void : never) extends (all: infer I) => void ? I : never;

export type ConvTerms = Intersection<(typeof TERM_MODULES)[number]>;
