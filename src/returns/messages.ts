/** Every sentence a return prints about an entry or about itself, made from the fields (never stored apart from them). */
import { CATEGORIES } from "../data/categories.js";
import { describeValue } from "../errors.js";
import { FX_WINDOW_DAYS } from "./fx.js";
import type { ReturnWarning } from "./types.js";

export const rejectionMessage = {
  notAnObject: (v: unknown) => `a ledger entry must be an object, got ${describeValue(v)}`,
  unreadable: () => "the entry could not be read: a getter or Proxy in it threw; pass plain data",
  id: (v: unknown) => `id must be a non-empty string of at most 200 characters, got ${describeValue(v)}`,
  type: (v: unknown) => `type must be "sale" or "refund", got ${describeValue(v)}`,
  date: (v: unknown) => `date must be a calendar date written YYYY-MM-DD, got ${describeValue(v)}`,
  currency: (v: unknown) => `currency must be an ISO 4217 code from the SDK's currency table such as "EUR", got ${describeValue(v)}`,
  amount: (field: string, problem: string) => `${field} ${problem}`,
  rate: (v: unknown) => `rate must be a decimal fraction string below 1 such as "0.2", got ${describeValue(v)}`,
  originalId: (v: unknown) => `originalId must be a string of at most 200 characters naming the sale refunded, got ${describeValue(v)}`,
  destination: (v: unknown) => `destination ${describeValue(v)} is not supported`,
  otherJurisdiction: (destination: string, jurisdiction: string, wanted: string) => `${destination} belongs to the ${jurisdiction} return, not ${wanted}`,
  outsideVatArea: (destination: string, jurisdiction: string) => `${destination} is outside the ${jurisdiction} VAT area: no ${jurisdiction} tax is due on sales there`,
  dateOutOfRange: (destination: string, from: string, date: string) => `${destination} is covered from ${from}; ${date} is before that`,
  missingRate: (currency: string, to: string, date: string, strategy: "period-end" | "entry-date") =>
    strategy === "period-end"
      ? `no ${currency} → ${to} exchange rate for ${date} (the period's last day) or the next ${FX_WINDOW_DAYS} days in exchangeRates`
      : `no ${currency} → ${to} exchange rate for ${date} or the ${FX_WINDOW_DAYS} days before in exchangeRates`,
  duplicate: (id: string) => `id ${describeValue(id)} was already taken by an earlier entry`,
  unknownOriginal: (originalId: string | undefined) =>
    originalId === undefined ? "refund names no originalId, and strictRefunds requires its sale in the ledger" : `refund of ${describeValue(originalId)}, which is not a sale in the ledger (strictRefunds)`,
  category: (v: unknown) => `category must be one of the SDK's categories (${CATEGORIES.join(", ")}), got ${describeValue(v)}`,
  rateMismatch: (rate: string, expected: string, category: string, destination: string, date: string, expectedTax: string, currency: string) =>
    `recorded at rate ${rate}; the data gives ${expected} for ${category} in ${destination} on ${date}, which makes the tax ${currency} ${expectedTax}`,
  csvFields: (got: number, want: number) => `the CSV record has ${got} fields but the header has ${want}`,
  csvRecord: (problem: string) => `the CSV record cannot be read: ${problem}`,
  json: (problem: string) => `the line is not a JSON object: ${problem}`,
};

export function warning(code: ReturnWarning["code"], count: number, detail = ""): ReturnWarning {
  switch (code) {
    case "REFUND_ORIGINAL_NOT_IN_LEDGER":
      return { code, count, message: `${count} refund${count === 1 ? "" : "s"} name${count === 1 ? "s" : ""} no sale in these entries; taken to refund sales of earlier ledgers (strictRefunds rejects them)` };
    case "FX_RULE_NOT_MODELLED":
      return { code, count, message: `the data's FX rule ${detail} is not modelled by this version; foreign-currency entries were converted at the rate of their own date` };
  }
}
