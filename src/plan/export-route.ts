/**
 * exportRoute(): which export clearance the origin country's customs applies to a shipment and what
 * it costs the exporter, from data/origin/<CC>.json. Pure; the caller gives any exchange rate.
 */
import { money, roundTo } from "../decimal.js";
import { VatError, describeValue, invalid } from "../errors.js";
import { exportRouteInputSchema, parseInput } from "./input.js";
import { DATA_VERSION, MINOR_UNITS } from "../generated/manifest.js";
import { ORIGINS } from "../generated/origins.js";
import { isCalendarDate } from "../dates.js";
import { exchangeRate, parseAmount } from "../quote/input.js";
import { within } from "../quote/tables.js";
import type { ExportRouteData } from "../data/schema.js";
import type { Warning } from "../quote/types.js";
import { readable } from "./readable.js";
import type { ExportRoute, ExportRouteInput, ExportRouteOption } from "./types.js";

/** What each thing a route may not give costs the exporter, in a sentence. */
const CONSEQUENCE: Record<keyof ExportRouteData["gives"], string> = {
  exportDeclarationCertificate: "No export declaration is accepted, so no export declaration certificate is issued.",
  drawback: "No duty drawback can be claimed for duties paid on imported goods or materials in this shipment.",
  reimportExemption: "Goods returned by the customer cannot be re-imported free of duty as returned exports (there is no proof of export).",
  exportRecord: "The shipment leaves no export declaration record, which export finance and export-performance programmes ask for.",
};

/**
 * The export clearance route for one shipment from `origin` (data for `KR`): release on the
 * courier's list (`manifest`), a `simplified` declaration or a `formal` one, with what each gives up.
 *
 * Without `date` the routes of the data's latest period apply, with the warning `EXPORT_DATE_NOT_GIVEN`.
 *
 * @throws VatError `INVALID_INPUT`, `UNKNOWN_COUNTRY` (no data for the origin), `DATE_OUT_OF_RANGE`,
 *   `UNSUPPORTED_CURRENCY`, `MISSING_EXCHANGE_RATE`, `TOO_MANY_DECIMALS`.
 * @example
 * const r = exportRoute({ origin: "KR", date: "2026-12-03", fobValue: "1500000", currency: "KRW" });
 * r.route        //=> "manifest"
 * r.consequences //=> ["No export declaration is accepted, so no export declaration certificate is issued.", …]
 * exportRoute({ origin: "KR", date: "2026-12-03", fobValue: "1500000", currency: "KRW", wantsDrawback: true }).route //=> "simplified"
 * @category Plan
 */
export function exportRoute(input: ExportRouteInput): ExportRoute {
  return readable(() => route(input));
}

/** The zod schema checks the shape (src/plan/input.ts); origin, date, currency and amounts are checked here. */
/**
 * Like `exportRoute`, but returns the error instead of throwing it: `{ ok: true, exportRoute }`
 * or `{ ok: false, error }` with the VatError's `code`, `path` and message.
 * @example
 * const r = safeExportRoute({ origin: "KR", date: "2026-12-03", fobValue: "1000", currency: "USD" });
 * r.ok || [r.error.code, r.error.path] //=> ["MISSING_EXCHANGE_RATE", ["exchangeRates", "USD/KRW"]]
 * @category Plan
 */
export function safeExportRoute(input: ExportRouteInput): { ok: true; exportRoute: ExportRoute } | { ok: false; error: VatError } {
  try {
    return { ok: true, exportRoute: exportRoute(input) };
  } catch (e) {
    if (e instanceof VatError) return { ok: false, error: e };
    throw e;
  }
}

function route(raw: unknown): ExportRoute {
  const input = parseInput(exportRouteInputSchema(), raw, "exportRoute input");
  const { date, currency, exchangeRates } = input;
  const code = input.origin.toUpperCase();
  const origin = Object.hasOwn(ORIGINS, code) ? ORIGINS[code]! : undefined;
  if (!origin) throw new VatError("UNKNOWN_COUNTRY", ["origin"], `no export-route data for origin ${describeValue(input.origin)}; origins with data: ${Object.keys(ORIGINS).join(", ")}`);
  const warnings: Warning[] = [];
  let period = origin.periods.at(-1)!;
  if (date === undefined) {
    // No clock in the library: without a date the routes of the data's latest (open-ended) period apply, and the result says so.
    warnings.push({ code: "EXPORT_DATE_NOT_GIVEN", message: `No date was given: the ${origin.origin} export routes in force from ${period.from} (the latest in data ${DATA_VERSION}) were applied. Give the day of export to apply the routes in force that day.` });
  } else {
    if (!isCalendarDate(date)) throw invalid(["date"], `date must be a calendar date written YYYY-MM-DD, got ${describeValue(date)}`);
    const found = origin.periods.find((p) => p.from <= date && (p.to === undefined || date < p.to));
    if (!found) throw new VatError("DATE_OUT_OF_RANGE", ["date"], `${origin.origin} export routes are covered from ${origin.periods[0]!.from}; ${date} is before that`);
    period = found;
  }
  const cur = currency.toUpperCase();
  const dp = Object.hasOwn(MINOR_UNITS, cur) ? MINOR_UNITS[cur] : undefined;
  if (dp === undefined) throw new VatError("UNSUPPORTED_CURRENCY", ["currency"], `currency must be an ISO 4217 code in the currency table, got ${describeValue(currency)}`);
  const given = parseAmount(input.fobValue, ["fobValue"], dp, cur);
  const permit = input.requiresExportPermit ?? false;
  const drawback = input.wantsDrawback ?? false;
  const oc = origin.currency;
  const odp = MINOR_UNITS[oc]!;
  // exchangeRate reads each rate it uses and words a bad one at its pair's path.
  const rate = exchangeRate((exchangeRates ?? {}) as Record<string, string | number>, cur, oc);
  if (!rate) throw new VatError("MISSING_EXCHANGE_RATE", ["exchangeRates", `${cur}/${oc}`], `exchangeRates["${cur}/${oc}"] is needed: the FOB value is in ${cur} but ${origin.origin} customs tests it in ${oc} (the SDK holds no exchange rates)`);
  // Customs values are whole units of the origin currency: round before testing the limit.
  const fob = roundTo(given.times(rate), odp);
  const fobText = money(fob, odp);

  const options: ExportRouteOption[] = period.routes.map((r) => {
    const limit = r.maxFob;
    const withinLimit = !limit || within(fob, limit.amount, limit.inclusive);
    const reasons: string[] = [];
    if (!withinLimit) reasons.push(`FOB ${fobText} ${oc} is above the ${limit!.inclusive ? "≤" : "<"} ${limit!.amount} ${oc} limit`);
    if (permit && !r.permitGoodsAllowed) reasons.push("goods that need an export permit or licence cannot use it");
    if (drawback && !r.gives.drawback) reasons.push("it gives no duty drawback, which was asked for");
    const eligible = reasons.length === 0;
    return {
      route: r.id,
      name: r.name,
      ...(r.localName ? { localName: r.localName } : {}),
      dataItems: r.dataItems,
      filedBy: r.filedBy,
      gives: { ...r.gives },
      eligible,
      reason: eligible ? `Open to this shipment${limit ? ` (FOB ${fobText} ${oc} ${limit.inclusive ? "≤" : "<"} ${limit.amount} ${oc})` : ""}.` : `Not open: ${reasons.join("; ")}.`,
      text: r.text,
      sources: r.sources,
      ...(r.note ? { note: r.note } : {}),
    };
  });
  // The data's last route takes any shipment (checked at build time), so one is always eligible.
  const chosen = options.find((o) => o.eligible) ?? options.at(-1)!;
  const consequences = (Object.keys(CONSEQUENCE) as (keyof typeof CONSEQUENCE)[]).filter((k) => !chosen.gives[k]).map((k) => CONSEQUENCE[k]);
  const explanation = [
    {
      step: "valuation",
      detail: cur === oc ? `FOB value ${fobText} ${oc}.` : `FOB value ${money(given, dp)} ${cur} × ${rate.toString()} = ${fobText} ${oc} (rounded to whole ${oc} units). ${origin.valuation.text}`,
      source: origin.valuation.sources[0]!.url,
    },
    ...options.map((o) => ({ step: `route ${o.route}`, detail: `${o.name}: ${o.reason}`, source: o.sources[0]!.url })),
    { step: "chosen", detail: `${chosen.name} (${chosen.dataItems} data items, filed by ${chosen.filedBy}).${consequences.length ? ` ${consequences.join(" ")}` : ""}` },
  ];
  return {
    origin: origin.origin,
    date: date ?? null,
    dataVersion: DATA_VERSION,
    route: chosen.route,
    fob: { amount: fobText, currency: oc, ...(cur === oc ? {} : { given: { amount: money(given, dp), currency: cur, exchangeRate: rate.toString() } }) },
    chosen,
    consequences,
    options,
    valuation: { text: origin.valuation.text, sources: origin.valuation.sources, ...(origin.valuation.note ? { note: origin.valuation.note } : {}) },
    explanation,
    warnings,
  };
}
