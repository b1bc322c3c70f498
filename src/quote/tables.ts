/**
 * What quote() reads from one rule segment that depends on the data alone: Decimal
 * constants, rates as text, and the fixed parts of the explanation sentences. Built on
 * the segment's first quote and kept on its CompiledRules (built once per segment in
 * rules.ts), so that a quote only joins its own figures into ready-made text instead of
 * rebuilding long template literals and parsing the same constants on every call.
 * Nothing here depends on the input.
 */
import { CATEGORIES } from "../data/categories.js";
import type { Category, GeneratedFee } from "../data/types.js";
import { Decimal, money } from "../decimal.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import type { CompiledRules } from "../rules.js";
import type { LocalRules } from "./local-rules.js";

/** A value limit from the data (threshold-like: a relief, a fee's consignment limit). */
export interface Limit {
  amount: Decimal;
  inclusive: boolean;
}

/** `value` is within a limit of the data: at most `limit` when inclusive, else below it (thresholds, reliefs, fee limits). */
export function within(value: Decimal, limit: Decimal.Value, inclusive: boolean): boolean {
  return inclusive ? value.lte(limit) : value.lt(limit);
}

export interface FeeTable {
  fee: GeneratedFee;
  /** Amount of one unit of the fee, in its currency. */
  amount: Decimal;
  /** Minor units of the fee's currency. */
  dp: number;
  /** The fee's consignment value limit, when it has one. */
  limit?: Limit;
  source: string;
}

/** One category's figures in the segment: looked up once per line, then read as plain properties. */
export interface CategoryTable {
  /** The destination rate. */
  rate: Decimal;
  /** The rate as the output writes it where charged (the Decimal's text: "0.2"). */
  rateText: string;
  /** The rate as the data writes it (the line's destinationRate). */
  dataRate: string;
  /** 1 + rate: the divisor of tax-inclusive amounts. */
  ratePlusOne: Decimal;
  /** The rate step's source (the rate's first) and its text up to the date. */
  source: string | undefined;
  stepHead: string;
}

export interface SegmentTables {
  /** The rules' first source, cited by most explanation steps (undefined when there is none). */
  source: string | undefined;
  /** The destination's own authority page (a member state's), cited by the rules step; undefined when the data has none. */
  nationalSource: string | undefined;
  categories: Record<Category, CategoryTable>;
  /** The threshold amount as text (2 decimals). */
  thresholdText: string;
  /** The fees in force in this segment, in the data's order. */
  fees: FeeTable[];
  relief: Limit | undefined;
  dutyRelief: Limit | undefined;
  /** The registration test's amounts (turnover kind). */
  registration: { amount: Decimal; amountText: string; alsoAmount: Decimal | undefined } | undefined;
  /** The code of the rules only some jurisdictions have, as the rule set bound it. */
  local: LocalRules;
  /** The amounts of the test for established sellers, when the data has one. */
  establishedRegistration: { amount: Decimal; amountText: string } | undefined;
  /** Fixed parts of the explanation: each step is built as fragment + figure + fragment. */
  text: {
    rulesHead: string;
    rulesTail: string;
    /** Rate note after an amount converted from the quote currency: " (converted from C at fx" + this. */
    fxNoteTail: string;
    /** " EUR": after an amount in the threshold currency. */
    thresholdCurrency: string;
    consignmentHead: string;
    consignmentWithin: string;
    consignmentAbove: string;
    itemHead: string;
    itemWithin: string;
    itemAbove: string;
    itemTail: string;
    /** Reasons of a border-collected line over the threshold, after its value. */
    overConsignmentTail: string;
    overItemTail: string;
    /** Reason of a line collected at checkout, per collecting party. */
    vendorReason: { seller: string; marketplace: string };
    /** The REGISTRATION_ASSUMED warning, per collecting party. */
    registrationAssumed: { seller: string; marketplace: string };
    /** The collector step when the collector holds the data's scheme, per collecting party. */
    collector: { seller: string; marketplace: string };
    /** The rounding step: head + decimals + tail[level][caller's choice or default]. */
    roundingHead: string;
    roundingTail: { line: [string, string]; invoice: [string, string] };
    registrationHead: string;
    /** The border step's end, after the import VAT figure: " on goods + …. <rule> Payable by <payer>." */
    borderTail: string;
    /** " (with transport and insurance)" after the value tested against the border relief, or "". */
    reliefIncludes: string;
  };
}

const limitOf = (l: { amount: string; inclusive: boolean } | undefined): Limit | undefined => (l ? { amount: new Decimal(l.amount), inclusive: l.inclusive } : undefined);

function build(compiled: CompiledRules): SegmentTables {
  const r = compiled.rules;
  const t = r.threshold;
  const cmp = t.inclusive ? "≤" : "<";
  const cur = t.currency;
  const thresholdText = money(compiled.thresholdAmount, 2);
  const excluded = t.excludes.join(", ");
  const categories = {} as Record<Category, CategoryTable>;
  for (const c of CATEGORIES) {
    const rate = compiled.rate[c];
    const s = r.rateSources[c][0];
    categories[c] = {
      rate,
      rateText: rate.toString(),
      dataRate: r.rates[c],
      ratePlusOne: rate.plus(1),
      source: s ? s.url : undefined,
      stepHead: `Category ${c}: ${r.destination} rate ${r.rates[c]} on `,
    };
  }
  const reg = r.registration;
  const collector = (party: string) => `The ${party} charges and remits the tax (${r.liability.text}) and the parcel must carry its ${r.scheme} registration (${r.schemeName}).`;
  const assumed = (party: string) => `The ${party}'s registrations were not given; it is assumed to hold the ${r.scheme} registration (${r.schemeName}).`;
  const vendorReason = (party: string) => `Within the threshold and covered by the regime: the ${party} charges ${r.jurisdiction} tax at checkout.`;
  const roundingTail = (level: string, callers: boolean) => ` decimals per ${level}${callers ? " (caller's choice)" : " (jurisdiction default)"}: ${r.rounding.text}`;
  return {
    source: r.sources[0] ? r.sources[0] : undefined,
    nationalSource: r.nationalSources[0],
    categories,
    thresholdText,
    fees: r.fees.map((fee) => ({
      fee,
      amount: new Decimal(fee.amount),
      dp: MINOR_UNITS[fee.currency] ?? 2,
      ...(fee.maxConsignmentValue ? { limit: limitOf(fee.maxConsignmentValue)! } : {}),
      source: fee.sources[0]!.url,
    })),
    relief: limitOf(r.border.relief),
    dutyRelief: limitOf(r.border.dutyRelief),
    registration:
      reg.kind === "turnover"
        ? { amount: new Decimal(reg.amount!), amountText: money(new Decimal(reg.amount!), 2), alsoAmount: reg.alsoRequires ? new Decimal(reg.alsoRequires.amount) : undefined }
        : undefined,
    local: compiled.local,
    establishedRegistration: r.establishedRegistration
      ? { amount: new Decimal(r.establishedRegistration.amount), amountText: money(new Decimal(r.establishedRegistration.amount), 2) }
      : undefined,
    text: {
      rulesHead: `${r.name} (${r.destination}${r.taxedAs !== r.destination ? `, taxed as ${r.taxedAs}` : ""}) on `,
      rulesTail: `: ${r.jurisdiction} rules in force from ${r.from}${r.to ? ` until ${r.to}` : " (open-ended)"} (data ${r.dataVersion}).`,
      fxNoteTail: `; ${t.fx.text})`,
      thresholdCurrency: ` ${cur}`,
      consignmentHead: `Intrinsic value of the consignment (goods only, ${excluded} excluded) = `,
      consignmentWithin: `; test ${cmp} ${thresholdText} ${cur}: within the threshold.`,
      consignmentAbove: `; test ${cmp} ${thresholdText} ${cur}: above the threshold.`,
      itemHead: `Each item is tested on its own value (${excluded} excluded)`,
      itemWithin: ` ${cur} within`,
      itemAbove: ` ${cur} above`,
      itemTail: ` (limit ${cmp} ${thresholdText} ${cur}).`,
      overConsignmentTail: ` ${cur} is above the ${thresholdText} ${cur} threshold: tax is due at import.`,
      overItemTail: ` ${cur} is not ${cmp} ${thresholdText} ${cur}: tax is due at import.`,
      vendorReason: { seller: vendorReason("seller"), marketplace: vendorReason("marketplace") },
      registrationAssumed: { seller: assumed("seller"), marketplace: assumed("marketplace") },
      collector: { seller: collector("seller"), marketplace: collector("marketplace") },
      roundingHead: `Rounded ${r.rounding.mode} to `,
      roundingTail: { line: [roundingTail("line", false), roundingTail("line", true)], invoice: [roundingTail("invoice", false), roundingTail("invoice", true)] },
      registrationHead: `Registration duty for the seller in ${r.jurisdiction}: `,
      borderTail: ` on goods + ${r.border.vatBase.join(" + ")}. ${r.border.text} Payable by ${r.border.payer}.`,
      reliefIncludes: r.border.relief?.valueIncludes?.length ? ` (with ${r.border.relief.valueIncludes.join(" and ")})` : "",
    },
  };
}

/** The segment's tables, built on its first quote. */
export function segmentTables(compiled: CompiledRules): SegmentTables {
  return (compiled.tables ??= build(compiled));
}
