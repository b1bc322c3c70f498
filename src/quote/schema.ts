/**
 * The zod schema of QuoteInput: the one definition of valid input. quote() does not run it:
 * scripts/render-validator.ts compiles it (`npm run data:build`) into the plain-JS validator
 * src/generated/quote-input-validator.ts, so the quote() bundle carries no zod. Tests run both
 * side by side (test/input.test.ts); plan() and exportRoute() still use zod for their own input.
 */
import * as z from "zod/mini";
import { InputIssues } from "./input-error.js";

/** Built on first use, never per call, and only where zod is wanted (the generator, tests). */
function buildSchema() {
  const amount = z.union([z.string(), z.number()]);
  const text = (max: number) => z.string().check(z.maxLength(max));
  const lineSchema = z.strictObject({
    id: z.optional(text(200)),
    description: z.optional(text(1000)),
    unitPrice: amount,
    quantity: z.unknown(),
    category: z.optional(z.string()),
    hsCode: z.optional(z.string()),
    excise: z.optional(z.boolean()),
    dutyRate: z.optional(z.string()),
  });

  const registeredIn = z.array(text(8)).check(z.maxLength(50));

  return z.strictObject({
    date: z.string(),
    destination: z.string(),
    currency: z.string(),
    lines: z.array(lineSchema).check(z.minLength(1), z.maxLength(100_000)),
    shipping: z.optional(amount),
    insurance: z.optional(amount),
    pricesIncludeTax: z.optional(z.boolean()),
    customer: z.optional(z.strictObject({ type: z.enum(["consumer", "business"]), taxId: z.optional(text(64)) })),
    seller: z.optional(
      z.strictObject({
        country: z.optional(text(8)),
        registeredIn: z.optional(registeredIn),
        salesLast12Months: z.optional(z.record(text(8), amount)),
        globalTurnover: z.optional(amount),
      }),
    ),
    marketplace: z.optional(z.strictObject({ name: z.optional(text(200)), registeredIn: z.optional(registeredIn) })),
    rounding: z.optional(z.enum(["line", "invoice"])),
    consignmentExceedsThreshold: z.optional(z.boolean()),
    chargeGoodsOverThreshold: z.optional(z.strictObject({ lowValueShare: z.optional(z.string().check(z.maxLength(24))), approved: z.optional(z.boolean()) })),
    shipsFrom: z.optional(text(8)),
    postalCode: z.optional(text(16)),
    exchangeRates: z.optional(z.record(text(16), z.union([z.string(), z.number()]))),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;
/** The zod schema of QuoteInput: the definition of valid input, and the wording of every input error. @internal */
export const quoteInputSchema = () => (schema ??= buildSchema());
/** What parsing a QuoteInput gives: zod's plain copy of the known fields. */
export type ParsedInput = z.infer<ReturnType<typeof buildSchema>>;

/** The schema itself as an input reader for normaliseInput: what the generated validator must agree with (tests). @internal */
export function parseWithZod(raw: object): ParsedInput | InputIssues {
  const r = quoteInputSchema().safeParse(raw);
  return r.success ? r.data : new InputIssues(r.error.issues);
}
