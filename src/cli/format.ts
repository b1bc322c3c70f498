/** Readable text tables for the CLI. */
import type { DestinationRules } from "../rules.js";
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
    `regime: ${q.regime} · collector: ${q.collector}${q.scheme ? ` · parcel must carry: ${q.scheme}` : ""}`,
    `threshold: ${q.threshold.tested} ${q.threshold.currency} tested ${q.threshold.inclusive ? "≤" : "<"} ${q.threshold.amount} per ${q.threshold.basis} → ${q.threshold.within ? "within" : "above"}`,
    "",
    table(rows),
    "",
    `payable at checkout: ${q.payableAtCheckout} ${c}`,
    `payable on delivery: ${q.payableOnDelivery} ${c}${q.border ? " (estimate)" : ""}`,
    `landed price:        ${q.landedPrice} ${c}`,
  ];
  if (q.border) {
    out.push(`border: customs value ${q.border.customsValue}, duty ${q.border.duty}, import VAT ${q.border.importVat} ${c}${q.border.relief ? ` (relief: ${q.border.relief})` : ""}`);
    for (const f of q.border.fees) out.push(`  ${f.name}: ${f.amount} ${f.currency}${f.tax !== "0.00" ? ` + ${f.tax} tax` : ""}, paid by ${f.payer}`);
  }
  out.push(`registration: ${q.registration.required === null ? "unknown" : q.registration.required ? "required" : "not required"} — ${q.registration.reason}`);
  for (const w of q.warnings) out.push(`warning ${w.code}: ${w.message}`);
  out.push("", "explanation:");
  q.explanation.forEach((s, i) => out.push(`${i + 1}. [${s.step}] ${s.detail}${s.source ? `\n   source: ${s.source}` : ""}`));
  return `${out.join("\n")}\n`;
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
