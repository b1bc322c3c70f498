/**
 * Compile-time checks of the codes in a QuoteInput literal: a known destination or
 * category is accepted (and completed by editors), a misspelt one fails to compile
 * (`Type '"FX"' is not assignable to type 'Destination'`), and a plain `string` — a value
 * read from a form or a file — is accepted and checked at run time as before.
 */
import type { Category } from "../data/types.js";
import type { Destination } from "../generated/codes.js";

/** `V` when it is a wide `string` or one of `K`; `K` otherwise, so that tsc names the expected codes. */
type Code<V, K> = string extends V ? V : V extends K ? V : K;

type CheckedLines<L> = { [N in keyof L]: { [P in keyof L[N]]: P extends "category" ? Code<L[N][P], Category | undefined> : L[N][P] } };

type Checked<I> = { [K in keyof I]: K extends "destination" ? Code<I[K], Destination> : K extends "lines" ? CheckedLines<I[K]> : I[K] };
/** `true` when some member of `I` (a union, from a ternary) holds a literal code that is not a known one. */
type HasUnknownCode<I> = I extends unknown ? (Checked<I> extends I ? never : true) : never;

/**
 * The input type `quote()` checks its argument against: the caller's own input type `I`, or —
 * when a literal `destination` or line `category` is not a known code — `I` with those
 * fields narrowed to the known codes, so that tsc reports the misspelt one.
 * @example
 * quote({ date: "2026-11-02", destination: "FX", currency: "EUR", lines: [{ unitPrice: "1", quantity: 1 }] });
 * //=> tsc: Type '"FX"' is not assignable to type 'Destination'.
 * @category Quote
 */
export type CheckedQuoteInput<I> = [HasUnknownCode<I>] extends [never] ? I : Checked<I>;
