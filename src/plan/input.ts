/**
 * The zod schemas of PlanInput and ExportRouteInput: the shape of valid input (strict objects,
 * types, list lengths) and, through quote's own error mapping, the wording of every shape error.
 * What zod cannot word well stays with the one parser of each kind: amounts (`parseAmount`),
 * exchange rates (`exchangeRate`), calendar dates, countries and jurisdictions are checked after
 * the parse, by plan() and exportRoute(). Built on first use, so no bundle pays for them unless
 * it calls plan() or exportRoute().
 */
import * as z from "zod/mini";
import { describeValue, invalid } from "../errors.js";
import { zodToVatError } from "../quote/input-error.js";
import type { Channel } from "./types.js";

const CHANNELS: [Channel, ...Channel[]] = ["direct", "marketplace"];

function buildPlanSchema() {
  return z.strictObject({
    date: z.string(),
    seller: z.strictObject({
      // Optional here so that a missing country is UNKNOWN_COUNTRY, worded by countryOf() like an unknown one.
      country: z.optional(z.string()),
      // Amounts are read and worded by parseAmount, as quote() does.
      salesLast12Months: z.optional(z.record(z.string(), z.unknown())),
      globalTurnover: z.optional(z.unknown()),
    }),
    destinations: z.array(z.string()).check(z.minLength(1), z.maxLength(100)),
    channels: z.optional(z.array(z.enum(CHANNELS)).check(z.minLength(1))),
  });
}

function buildExportRouteSchema() {
  return z.strictObject({
    origin: z.string(),
    date: z.optional(z.string()),
    // Read and worded by parseAmount (fobValue) and exchangeRate (the rates), as quote() does.
    fobValue: z.unknown(),
    currency: z.string(),
    exchangeRates: z.optional(z.record(z.string(), z.unknown())),
    requiresExportPermit: z.optional(z.boolean()),
    wantsDrawback: z.optional(z.boolean()),
  });
}

let planSchema: ReturnType<typeof buildPlanSchema> | undefined;
let exportRouteSchema: ReturnType<typeof buildExportRouteSchema> | undefined;
/** The zod schema of PlanInput. @internal */
export const planInputSchema = () => (planSchema ??= buildPlanSchema());
/** The zod schema of ExportRouteInput. @internal */
export const exportRouteInputSchema = () => (exportRouteSchema ??= buildExportRouteSchema());

export type ParsedPlanInput = z.infer<ReturnType<typeof buildPlanSchema>>;
export type ParsedExportRouteInput = z.infer<ReturnType<typeof buildExportRouteSchema>>;

/** The fields of the object at `path` in `schema`, for the "did you mean" of an unknown field. */
function fieldsAt(schema: z.ZodMiniObject, path: readonly (string | number)[]): ReadonlySet<string> | undefined {
  let s: z.core.$ZodType = schema;
  for (const p of path) {
    while (s instanceof z.ZodMiniOptional) s = s._zod.def.innerType;
    if (!(s instanceof z.ZodMiniObject) || typeof p !== "string" || !Object.hasOwn(s.shape, p)) return undefined;
    s = s.shape[p] as z.core.$ZodType;
  }
  while (s instanceof z.ZodMiniOptional) s = s._zod.def.innerType;
  return s instanceof z.ZodMiniObject ? new Set(Object.keys(s.shape)) : undefined;
}

/**
 * Check `raw` against `schema` and return zod's plain copy (only it is read afterwards, so a
 * getter is called once). Throws VatError INVALID_INPUT; a getter or Proxy that throws is left
 * to the caller's `readable()` guard.
 */
export function parseInput<S extends z.ZodMiniObject>(schema: S, raw: unknown, subject: string): z.infer<S> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid([], `${subject} must be an object, got ${describeValue(raw)}`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodToVatError(parsed.error, raw, `the ${subject}`, (path) => fieldsAt(schema, path));
  return parsed.data;
}
