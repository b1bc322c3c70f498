/**
 * Who counts as a business customer: the B2B outcome (reverse charge, or the border where
 * the regime is for consumers only) needs the identifier the data names in `b2b.taxId`,
 * well formed. Without one the customer is treated as a consumer, as the law lets (AU, NZ,
 * SG, NO) or requires (GB) the seller to. The EU names none: IOSS is for consumers only, so
 * any business customer imports under the ordinary rules whatever number it gives.
 */
import type { CompiledRules } from "../rules.js";
import { checkBusinessId } from "../tax-id/formats.js";
import type { NormalInput } from "./input.js";
import type { Warning } from "./types.js";

/** The business customer's identifier as checked (compact), "" where none is needed; undefined: treat as a consumer. */
export function businessTaxId(customer: NormalInput["customer"], compiled: CompiledRules, warnings: Warning[]): string | undefined {
  if (customer.type !== "business") return undefined;
  const r = compiled.rules;
  const need = r.b2b.taxId;
  if (need === undefined) return "";
  if (!customer.taxId) {
    warnings.push({ code: "BUSINESS_WITHOUT_TAX_ID", message: `A business customer without a tax id is treated as a consumer; ${r.b2b.text}` });
    return undefined;
  }
  const c = checkBusinessId(r.destination, customer.taxId, need.kinds, compiled.taxIds);
  if (c.valid) return c.value;
  warnings.push({ code: "TAX_ID_INVALID", message: `customer.taxId was not accepted. ${c.message} The customer is treated as a consumer: ${r.b2b.text}` });
  return undefined;
}
