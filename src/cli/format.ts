/** Readable text tables for the CLI. */
import { VatError } from "../errors.js";
import { rulesFor, type DestinationRules } from "../rules.js";
import type { Quote } from "../quote/types.js";
import { CATEGORIES } from "../data/categories.js";
import { Decimal } from "../decimal.js";

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd()).join("\n");
}

export const pct = (rate: string) => `${new Decimal(rate).times(100).toString()}%`;

export function formatQuote(q: Quote): string {
  const c = q.currency;
  const rows = [["line", "regime", "net", "rate", "tax", "gross"]];
  for (const l of q.lines) rows.push([`${l.id}${l.description ? ` ${l.description}` : ""} ×${l.quantity}`, l.regime, l.net, pct(l.rate), l.tax, l.gross]);
  if (q.shipping) rows.push(["shipping", "", q.shipping.net, q.shipping.rate === null ? "mixed" : pct(q.shipping.rate), q.shipping.tax, q.shipping.gross]);
  if (q.insurance) rows.push(["insurance", "", q.insurance.net, q.insurance.rate === null ? "mixed" : pct(q.insurance.rate), q.insurance.tax, q.insurance.gross]);
  rows.push(["total", "", q.totals.net, "", q.totals.tax, q.totals.gross]);
  const out = [
    `${q.destination} ${q.date} · ${q.jurisdiction} rules ${q.rulePeriod.from}→${q.rulePeriod.to ?? "…"} · data ${q.dataVersion}`,
    ...assumptions(q),
    `regime: ${q.regime} · collector: ${q.collector}${q.scheme ? ` · parcel must carry: ${q.scheme}` : ""}`,
    `threshold: ${q.threshold.tested} ${q.threshold.currency} tested ${q.threshold.inclusive ? "≤" : "<"} ${q.threshold.amount} per ${q.threshold.basis} → ${q.threshold.within ? "within" : "above"}`,
    "",
    table(rows),
    "",
    `payable at checkout: ${q.payableAtCheckout} ${c}`,
    `payable on delivery: ${q.payableOnDelivery} ${c}${q.border ? " (estimate)" : ""}`,
    `landed price:        ${q.landedPrice} ${c}`,
    `seller pays:         ${q.sellerCost} ${c}${q.sellerCost !== "0.00" && q.sellerCost !== "0" ? " (border charges on the seller, estimate)" : ""}`,
  ];
  if (q.border) {
    const p = q.border.customsValueParts;
    const parts = p.transport || p.insurance ? ` (goods ${p.goods}${p.transport ? ` + transport ${p.transport}` : ""}${p.insurance ? ` + insurance ${p.insurance}` : ""})` : "";
    if (q.border.lineIds.length === 0) out.push("border: no goods taxed at import; per-parcel charges:");
    else out.push(`border: customs value ${q.border.customsValue}${parts}, duty ${q.border.duty}, import VAT ${q.border.importVat} ${c}${q.border.relief ? ` (relief: ${q.border.relief})` : ""}`);
    for (const f of q.border.fees) out.push(`  ${f.name}: ${f.amount} ${f.currency}${f.tax !== "0.00" ? ` + ${f.tax} tax` : ""}, paid by ${f.payer}`);
  }
  out.push(`registration: ${q.registration.required === null ? "unknown" : q.registration.required ? "required" : "not required"} — ${q.registration.reason}`);
  for (const w of q.warnings) out.push(`warning ${w.code}: ${w.message}`);
  out.push("", "explanation:");
  q.explanation.forEach((s, i) => out.push(`${i + 1}. [${s.step}] ${s.detail}${s.source ? `\n   source: ${s.source}` : ""}`));
  return `${out.join("\n")}\n`;
}

/** What the quote took for granted, said before its figures (REGISTRATION_ASSUMED: registeredIn not given). */
function assumptions(q: Quote): string[] {
  const w = q.warnings.find((x) => x.code === "REGISTRATION_ASSUMED");
  if (!w) return [];
  // The warning names the party and the scheme: "The seller's registrations were not given; it is assumed to hold the IOSS registration …".
  const m = /^The (\w+)'s .* hold the (\S+) registration/.exec(w.message);
  const party = m?.[1] ?? "seller";
  return [`assumed: the ${party} is registered for ${m?.[2] ?? "the destination's scheme"} (no ${party}.registeredIn given; pass "registeredIn": [] to quote it unregistered)`];
}

export function formatRules(r: DestinationRules): string {
  const t = r.threshold;
  const reg = r.registration;
  const out = [
    `${r.name} (${r.destination}${r.taxedAs !== r.destination ? ` → taxed as ${r.taxedAs}` : ""}) · ${r.jurisdiction} · ${r.currency} · rules ${r.from}→${r.to ?? "…"} · data ${r.dataVersion}`,
    r.inVatArea ? "" : `outside the ${r.jurisdiction} VAT area`,
    table([["category", "rate"], ...CATEGORIES.map((c) => [c, pct(r.rates[c])])]),
    "",
    `threshold: ${t.inclusive ? "≤" : "<"} ${t.amount} ${t.currency} per ${t.basis} (excludes ${t.excludes.join(", ")}; FX ${t.fx.source})`,
    `scheme: ${r.scheme} — ${r.schemeName}`,
    `registration: ${reg.kind}${reg.amount ? ` ${reg.comparison} ${reg.amount} ${reg.currency}` : ""}${reg.alsoRequires ? ` and global turnover ${reg.alsoRequires.comparison} ${reg.alsoRequires.amount} ${reg.alsoRequires.currency}` : ""} — ${reg.text}`,
    ...(r.establishedRegistration
      ? [`registration if established in ${r.jurisdiction}: ${r.establishedRegistration.comparison} ${r.establishedRegistration.amount} ${r.establishedRegistration.currency} — ${r.establishedRegistration.text}`]
      : []),
    ...r.postcodeTerritories.map((p) => `outside the VAT area by postcode: ${p.name} ${p.postcodes.map((c) => (c.from === c.to ? c.from : `${c.from}-${c.to}`)).join(", ")}`),
    `returns: ${r.returnPeriod} in ${r.returns.currency} (FX ${r.returns.fx.source})`,
    `rounding: ${r.rounding.mode}, per ${r.rounding.default} by default`,
    `excluded: ${r.exclusions.categories.join(", ") || "none"} (${r.exclusions.scope})`,
    `business customers: ${r.b2b.treatment}${r.b2b.idName ? ` with ${r.b2b.idName}` : ""}${r.b2b.taxId ? ` (checked: ${r.b2b.taxId.kinds.join(" or ")})` : ""}`,
    ...r.fees.map((f) => `charge: ${f.name}: ${f.amount} ${f.currency} per ${f.per} (${f.from}→${f.to ?? "…"})`),
    `reviewed: ${r.reviewedAt}`,
    ...r.warnings.map((w) => `warning ${w.code}: ${w.message}`),
    "sources:",
    ...r.sources.map((s) => `  ${s}`),
  ];
  return `${out.filter((l, i) => l !== "" || i > 1).join("\n")}\n`;
}

/** One line per destination code: its name and how it is taxed on `date`. */
export function formatDestinations(codes: string[], date: string): string {
  const rows = [["code", "name", `status on ${date}`]];
  for (const code of codes) {
    let r: DestinationRules;
    try {
      r = rulesFor(code, date);
    } catch (e) {
      if (!(e instanceof VatError) || e.code !== "DATE_OUT_OF_RANGE") throw e;
      rows.push([code, "", e.message]);
      continue;
    }
    const t = r.threshold;
    const collection = `vendor collection (${r.scheme}) for goods ${t.inclusive ? "≤" : "<"} ${t.amount} ${t.currency} per ${t.basis}`;
    const status = !r.inVatArea
      ? `outside the ${r.jurisdiction} VAT area: no ${r.jurisdiction} tax at checkout`
      : r.taxedAs !== r.destination
        ? `taxed as ${r.taxedAs}: ${collection}`
        : collection;
    rows.push([code, r.name, status]);
  }
  // Left-aligned columns: table() right-aligns all but the first.
  const widths = [0, 1].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  return `${rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`.trimEnd()).join("\n")}\n`;
}
