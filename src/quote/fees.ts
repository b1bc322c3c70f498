/**
 * Per-parcel charges in force at the border (from the data: the EU's flat duty per tariff
 * subheading, France's parcel tax, New Zealand's levy, …): how many units, how much, who pays,
 * converted into the quote currency. Bound per entry point (./local-rules.ts): an entry whose
 * data has no such charge carries none of this.
 */
import { Decimal, ONE, ROUND_HALF_UP, ZERO, money, mulDivRound, roundTo } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import { exchangeRate, type NormalInput } from "./input.js";
import { within, type FeeTable, type SegmentTables } from "./tables.js";
import type { BorderFee, Warning } from "./types.js";

export interface FeesCharged {
  fees: BorderFee[];
  /** Duty-kind charges, in the quote currency: they enter the import VAT base of border-collected lines. */
  duty: Decimal;
  /** Customer-paid and seller-paid charges, in the quote currency. */
  onDelivery: Decimal;
  sellerCost: Decimal;
}

/**
 * The charges of the segment's fees that apply to this consignment: `borderLines`, some lines are
 * collected at the border; `consumer`, a B2C sale; `allVendor`, every line was taxed at checkout
 * (the declarant is then the seller).
 */
export function borderFees(
  input: NormalInput,
  compiled: CompiledRules,
  tables: SegmentTables,
  intrinsicJ: Decimal,
  fx: Decimal,
  borderLines: boolean,
  consumer: boolean,
  allVendor: boolean,
  warnings: Warning[],
): FeesCharged {
  const dp = input.minorUnits;
  const C = input.currency;
  const J = compiled.rules.currency;
  const fees: BorderFee[] = [];
  let feeDuty = ZERO;
  let onDelivery = ZERO;
  let sellerCost = ZERO;
  let missingHs = false;
  let subheadings: number | undefined; // counted on the first per-subheading fee
  let fromJ: Decimal | undefined; // 1 / fx, for fees in the threshold currency
  for (const ft of tables.fees) {
    const f = ft.fee;
    if (f.appliesWhen === "border" && !borderLines) continue;
    if (!consumer && f.kind === "duty") continue; // the flat duty is for B2C distance sales
    const cToFee = f.currency === J ? fx : exchangeRate(input.exchangeRates, C, f.currency);
    if (ft.limit) {
      // The limit is tested in its own currency, which need not be the fee's (RO: RON 25 on parcels under EUR 150).
      const L = f.maxConsignmentValue!.currency;
      const cToLimit = L === J ? fx : exchangeRate(input.exchangeRates, C, L);
      if (!cToLimit) {
        warnings.push({ code: "FEE_NOT_EVALUATED", message: `${f.name} could not be tested: give exchangeRates["${C}/${L}"].` });
        continue;
      }
      const value = L === J ? intrinsicJ : roundTo(intrinsicJ.div(fx).times(cToLimit), 2);
      if (!within(value, ft.limit.amount, ft.limit.inclusive)) continue;
    }
    const count = f.per === "consignment" ? 1 : (subheadings ??= countSubheadings(input, () => (missingHs = true)));
    const fdp = ft.dp;
    const amount = ft.amount.times(count);
    const tax = f.taxable ? roundTo(amount.times(compiled.rate.standard), fdp) : ZERO;
    // Fee currency → quote currency: divided by the caller's rate, worked out in integers where the values allow.
    const inC = cToFee ? (mulDivRound(amount.plus(tax), ONE, cToFee, dp, ROUND_HALF_UP) ?? roundTo(amount.plus(tax).times(ONE.div(cToFee)), dp)) : undefined;
    const payer = f.payer === "declarant" ? (allVendor ? "seller" : "customer") : f.payer;
    if (inC && payer === "customer") onDelivery = onDelivery.plus(inC);
    if (inC && payer === "seller") sellerCost = sellerCost.plus(inC);
    if (inC && f.kind === "duty" && borderLines) feeDuty = feeDuty.plus(amount.times(cToFee === fx ? (fromJ ??= ONE.div(fx)) : ONE.div(cToFee!)));
    if (!inC) warnings.push({ code: "FEE_NOT_CONVERTED", message: `${f.name} (${money(amount, fdp)} ${f.currency}) is not in the totals: give exchangeRates["${C}/${f.currency}"].` });
    fees.push(feeOut(ft, count, amount, tax, inC, dp, payer));
  }
  if (missingHs) warnings.push({ code: "HS_CODE_MISSING", message: "Lines without hsCode were each counted as a distinct tariff subheading for per-subheading charges." });

  return { fees, duty: feeDuty, onDelivery, sellerCost };
}

function countSubheadings(input: NormalInput, onMissing: () => void): number {
  // A list while the order is small (a Set costs more than a few comparisons), a Set past that.
  const seen: string[] = [];
  let set: Set<string> | undefined;
  let missing = 0;
  for (const l of input.lines) {
    const h = l.subheading;
    if (!h) missing++;
    else if (set) set.add(h);
    else if (!seen.includes(h)) {
      seen.push(h);
      if (seen.length > 16) set = new Set(seen);
    }
  }
  if (missing) onMissing();
  return (set ? set.size : seen.length) + missing;
}

function feeOut(ft: FeeTable, count: number, amount: Decimal, tax: Decimal, inC: Decimal | undefined, dp: number, payer: "customer" | "seller"): BorderFee {
  const f = ft.fee;
  const out: BorderFee = {
    id: f.id,
    name: f.name,
    kind: f.kind,
    count,
    amount: money(amount, ft.dp),
    currency: f.currency,
    tax: money(tax, ft.dp),
    inQuoteCurrency: inC ? money(inC, dp) : null,
    payer,
    source: ft.source,
  };
  if (f.note) out.note = f.note;
  return out;
}
