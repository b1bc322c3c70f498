/**
 * The playground page: a form that builds a QuoteInput, quote() from the package's ESM build,
 * and a rendering of the Quote (regime, threshold test, lines, landed price as an SVG bar,
 * explanation with its sources). No framework: the page is small and re-renders on every input.
 *
 * A VatError is shown next to the field its `path` names (the longest prefix of the path that
 * has a field), so a bad price says what is wrong where it was typed.
 *
 * Every figure shown carries `data-figure="<key>"` with the Quote's own string, so the browser
 * test (scripts/test-browser.ts) can read back exactly what a person sees.
 */
import { CATEGORIES, DATA_VERSION, listDestinations, ruleChangeDates, rulesFor, safeQuote, type Quote, type QuoteInput, type VatError } from "destination-vat";

const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector<T>(sel)!;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const figure = (key: string, value: string) => `<span data-figure="${esc(key)}">${esc(value)}</span>`;

/** Name, jurisdiction and currency of each destination, from its latest rules (the form needs them before any date is valid). */
const destinations = listDestinations().map((code) => {
  const r = rulesFor(code, ruleChangeDates(code).at(-1)!);
  return { code, name: r.name, jurisdiction: r.jurisdiction, currency: r.currency };
});
const destinationInfo = (code: string) => destinations.find((d) => d.code === code)!;

// ------------------------------------------------------------------------- the form

interface LineFields {
  unitPrice: string;
  quantity: string;
  category: string;
  hsCode: string;
  dutyRate: string;
}

function lineRow(i: number, l: LineFields): string {
  const cats = CATEGORIES.map((c) => `<option${c === l.category ? " selected" : ""}>${c}</option>`).join("");
  const cell = (key: keyof LineFields, attrs: string) =>
    `<td><div class="field" data-field="lines.${i}.${key}"><input data-path="lines.${i}.${key}" value="${esc(l[key])}" ${attrs}><div class="error"></div></div></td>`;
  return `<tr>${cell("unitPrice", 'type="text" inputmode="decimal" size="7"')}${cell("quantity", 'type="text" inputmode="numeric" size="3"')}<td><div class="field" data-field="lines.${i}.category"><select data-path="lines.${i}.category">${cats}</select><div class="error"></div></div></td>${cell("hsCode", 'type="text" size="9" placeholder="optional"')}${cell("dutyRate", 'type="text" inputmode="decimal" size="5" placeholder="0.12"')}<td><button type="button" class="remove" data-remove="${i}" title="Remove line">×</button></td></tr>`;
}

function readLines(): LineFields[] {
  return [...document.querySelectorAll("#lines tbody tr")].map((tr, i) => ({
    unitPrice: $<HTMLInputElement>(`[data-path="lines.${i}.unitPrice"]`, tr).value,
    quantity: $<HTMLInputElement>(`[data-path="lines.${i}.quantity"]`, tr).value,
    category: $<HTMLSelectElement>(`[data-path="lines.${i}.category"]`, tr).value,
    hsCode: $<HTMLInputElement>(`[data-path="lines.${i}.hsCode"]`, tr).value,
    dutyRate: $<HTMLInputElement>(`[data-path="lines.${i}.dutyRate"]`, tr).value,
  }));
}

function writeLines(lines: LineFields[]) {
  $("#lines tbody").innerHTML = lines.map((l, i) => lineRow(i, l)).join("");
}

const value = (id: string) => $<HTMLInputElement>(`#${id}`).value.trim();
const checked = (id: string) => $<HTMLInputElement>(`#${id}`).checked;

/** The QuoteInput the form describes. Text goes to quote() as typed: validating it is quote()'s job. */
function formInput(): QuoteInput {
  const destination = $<HTMLSelectElement>("#destination").value;
  const info = destinationInfo(destination);
  const currency = value("currency");
  const input: QuoteInput = {
    date: value("date"),
    destination,
    currency,
    lines: readLines().map((l, i) => ({
      id: `line${i + 1}`,
      unitPrice: l.unitPrice.trim(),
      // A whole number is passed as a number, anything else as typed, so quote() names the mistake.
      quantity: /^\d+$/.test(l.quantity.trim()) ? Number(l.quantity.trim()) : (l.quantity as unknown as number),
      category: l.category as QuoteInput["lines"][number]["category"] & string,
      ...(l.hsCode.trim() ? { hsCode: l.hsCode.trim() } : {}),
      ...(l.dutyRate.trim() ? { dutyRate: l.dutyRate.trim() } : {}),
    })),
  };
  if (currency.toUpperCase() !== info.currency) input.exchangeRates = { [`${currency.toUpperCase()}/${info.currency}`]: value("fx") };
  if (value("shipping")) input.shipping = value("shipping");
  if (checked("inclusive")) input.pricesIncludeTax = true;
  if ($<HTMLSelectElement>("#customer").value === "business") input.customer = { type: "business", ...(value("tax-id") ? { taxId: value("tax-id") } : {}) };
  // The checkboxes say registered here or not (an empty list), never "unknown": quote() would then assume a registration.
  input.seller = { ...(value("seller-country") ? { country: value("seller-country") } : {}), registeredIn: checked("seller-registered") ? [info.jurisdiction] : [] };
  if (checked("marketplace")) input.marketplace = { ...(value("marketplace-name") ? { name: value("marketplace-name") } : {}), registeredIn: checked("marketplace-registered") ? [info.jurisdiction] : [] };
  return input;
}

// ------------------------------------------------------------------------- errors next to fields

function clearErrors() {
  for (const f of document.querySelectorAll(".field.invalid")) f.classList.remove("invalid");
  for (const e of document.querySelectorAll(".field .error")) e.textContent = "";
  $("#problem").textContent = "";
}

/** Show the error at the field its path names, or its nearest enclosing field; the page-level box only when none. */
function showError(error: VatError) {
  const path = error.path.map(String);
  for (let n = path.length; n > 0; n--) {
    const field = document.querySelector(`.field[data-field="${CSS.escape(path.slice(0, n).join("."))}"]`);
    if (field) {
      field.classList.add("invalid");
      field.querySelector(".error")!.textContent = error.message;
      return;
    }
  }
  $("#problem").textContent = error.message;
}

// ------------------------------------------------------------------------- the result

/** Exact minor units of a decimal string (BigInt), for sums the bar needs. */
function units(amount: string, dp: number): bigint {
  const [int, frac = ""] = amount.split(".");
  return BigInt(int!) * 10n ** BigInt(dp) + BigInt((frac + "0".repeat(dp)).slice(0, dp) || "0");
}
function fromUnits(u: bigint, dp: number): string {
  if (dp === 0) return u.toString();
  const s = u.toString().padStart(dp + 1, "0");
  return `${s.slice(0, -dp)}.${s.slice(-dp)}`;
}

interface Segment {
  key: string;
  label: string;
  color: string;
  amount: string;
}

/** What the customer pays, in parts that add up to the landed price exactly. */
function landedSegments(q: Quote): Segment[] {
  const dp = (q.landedPrice.split(".")[1] ?? "").length;
  const border = q.border;
  const duty = border ? units(border.duty, dp) : 0n;
  const vat = border ? units(border.importVat, dp) : 0n;
  // The rest of what is due on delivery is the per-parcel charges the customer pays (flat duties, levies, fees).
  const fees = units(q.payableOnDelivery, dp) - duty - vat;
  return [
    { key: "goods", label: "Goods and delivery", color: "var(--goods)", amount: q.totals.net },
    { key: "checkoutTax", label: "Tax at checkout", color: "var(--tax)", amount: q.totals.tax },
    { key: "borderDuty", label: "Duty at the border", color: "var(--duty)", amount: fromUnits(duty, dp) },
    { key: "borderVat", label: "Import VAT/GST at the border", color: "var(--vat)", amount: fromUnits(vat, dp) },
    { key: "borderFees", label: "Per-parcel charges", color: "var(--fees)", amount: fromUnits(fees, dp) },
  ];
}

function landedBar(q: Quote): string {
  const segs = landedSegments(q);
  const dp = (q.landedPrice.split(".")[1] ?? "").length;
  const total = units(q.landedPrice, dp);
  const W = 600;
  let x = 0;
  const rects = segs
    .filter((s) => units(s.amount, dp) > 0n)
    .map((s) => {
      // Widths only: a float is fine for drawing, never for the figures.
      const w = total > 0n ? (Number(units(s.amount, dp)) / Number(total)) * W : 0;
      const r = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="34" fill="${s.color}"><title>${esc(s.label)}: ${esc(s.amount)} ${esc(q.currency)}</title></rect>`;
      x += w;
      return r;
    })
    .join("");
  const legend = segs
    .map((s) => `<span><span class="sw" style="background:${s.color}"></span>${esc(s.label)} ${figure(`bar.${s.key}`, s.amount)}</span>`)
    .join("");
  return `<svg viewBox="0 0 ${W} 34" width="100%" height="34" role="img" aria-label="Landed price ${esc(q.landedPrice)} ${esc(q.currency)}" preserveAspectRatio="none" style="border-radius:4px;background:var(--bg)">${rects}</svg><div class="legend">${legend}</div>`;
}

function thresholdText(q: Quote): string {
  const t = q.threshold;
  const cmp = t.inclusive ? "≤" : "<";
  return `${t.basis === "item" ? "Highest item value" : "Consignment value"} ${figure("threshold.tested", t.tested)} ${esc(t.currency)} ${cmp} ${figure("threshold.amount", t.amount)} ${esc(t.currency)}: <strong>${figure("threshold.within", t.within ? "within" : "above")}</strong>${
    t.exchangeRate ? ` <span class="muted">(converted at ${figure("threshold.exchangeRate", t.exchangeRate)})</span>` : ""
  }`;
}

function render(q: Quote): string {
  const C = esc(q.currency);
  const lines = q.lines
    .map(
      (l, i) =>
        `<tr><td>${esc(l.id)}</td><td>${esc(l.category)} ×${l.quantity}</td><td>${figure(`lines.${i}.regime`, l.regime)}</td><td class="num">${figure(`lines.${i}.net`, l.net)}</td><td class="num">${figure(`lines.${i}.rate`, l.rate)}</td><td class="num">${figure(`lines.${i}.tax`, l.tax)}</td><td class="num">${figure(`lines.${i}.gross`, l.gross)}</td></tr>`,
    )
    .join("");
  const ship = q.shipping
    ? `<tr><td>shipping</td><td></td><td></td><td class="num">${figure("shipping.net", q.shipping.net)}</td><td class="num">${figure("shipping.rate", q.shipping.rate ?? "mixed")}</td><td class="num">${figure("shipping.tax", q.shipping.tax)}</td><td class="num">${figure("shipping.gross", q.shipping.gross)}</td></tr>`
    : "";
  const border = q.border
    ? `<p>Border estimate: customs value ${figure("border.customsValue", q.border.customsValue)} ${C}, duty ${figure("border.duty", q.border.duty)} ${C}, import VAT ${figure("border.importVat", q.border.importVat)} ${C}.</p>${
        q.border.fees.length
          ? `<ul>${q.border.fees.map((f, i) => `<li>${esc(f.name)}: ${figure(`border.fees.${i}.amount`, f.amount)} ${esc(f.currency)}${f.tax !== "0.00" ? ` + tax ${esc(f.tax)}` : ""}, paid by the ${figure(`border.fees.${i}.payer`, f.payer)}</li>`).join("")}</ul>`
          : ""
      }`
    : "";
  const warnings = q.warnings.length ? `<section><h2>Warnings</h2><ul class="warnings">${q.warnings.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.message)}</li>`).join("")}</ul></section>` : "";
  const steps = q.explanation
    .map((s) => `<li><span class="step">${esc(s.step)}</span>: ${esc(s.detail)}${s.source ? `<br><a href="${esc(s.source)}" target="_blank" rel="noopener">${esc(s.source)}</a>` : ""}</li>`)
    .join("");
  return `
<section>
  <h2>${esc(q.destination)} · ${esc(q.date)} · ${esc(q.jurisdiction)} rules ${esc(q.rulePeriod.from)} → ${esc(q.rulePeriod.to ?? "…")}</h2>
  <p><span class="pill">${figure("regime", q.regime)}</span> collected by <strong>${figure("collector", q.collector)}</strong>${q.scheme ? `, parcel carries <strong>${figure("scheme", q.scheme)}</strong>` : ""}</p>
  <p>Threshold test: ${thresholdText(q)}</p>
  <div class="summary">
    <div class="stat"><div class="k">Pay at checkout</div><div class="v">${figure("payableAtCheckout", q.payableAtCheckout)} ${C}</div></div>
    <div class="stat"><div class="k">Expected on delivery</div><div class="v">${figure("payableOnDelivery", q.payableOnDelivery)} ${C}</div></div>
    <div class="stat"><div class="k">Landed price</div><div class="v">${figure("landedPrice", q.landedPrice)} ${C}</div></div>
  </div>
</section>
<section>
  <h2>Landed price</h2>
  ${landedBar(q)}
</section>
<section>
  <h2>Lines (${C})</h2>
  <table>
    <thead><tr><th>Line</th><th>Category</th><th>Regime</th><th class="num">Net</th><th class="num">Rate</th><th class="num">Tax</th><th class="num">Gross</th></tr></thead>
    <tbody>${lines}${ship}<tr><th>Total</th><td></td><td></td><td class="num">${figure("totals.net", q.totals.net)}</td><td></td><td class="num">${figure("totals.tax", q.totals.tax)}</td><td class="num">${figure("totals.gross", q.totals.gross)}</td></tr></tbody>
  </table>
  ${border}
  <p class="muted">Registration: ${esc(q.registration.required === null ? "unknown" : q.registration.required ? "required" : "not required")}. ${esc(q.registration.reason)}</p>
</section>
${warnings}
<section>
  <h2>Explanation</h2>
  <ol class="steps">${steps}</ol>
</section>`;
}

// ------------------------------------------------------------------------- wiring

function update() {
  clearErrors();
  const destination = $<HTMLSelectElement>("#destination").value;
  const info = destinationInfo(destination);
  const currency = value("currency").toUpperCase();
  const fx = $<HTMLInputElement>("#fx");
  fx.disabled = currency === info.currency;
  $("#fx-label").textContent = currency === info.currency ? "Exchange rate (not needed)" : `1 ${currency || "?"} in ${info.currency}`;
  $("#marketplace-fields").hidden = !checked("marketplace");
  const r = safeQuote(formInput());
  const result = $("#result");
  if (r.ok) {
    result.classList.remove("stale");
    result.innerHTML = render(r.quote);
  } else {
    // Keep the last result visible but dimmed, so the page never goes blank while typing.
    result.classList.add("stale");
    showError(r.error);
  }
}

function start() {
  $("#data-version").textContent = DATA_VERSION;
  $("#destination").innerHTML = destinations.map((d) => `<option value="${d.code}">${esc(d.code)} — ${esc(d.name)}</option>`).join("");
  $<HTMLSelectElement>("#destination").value = "FR";
  $<HTMLInputElement>("#currency").value = "USD";
  $<HTMLInputElement>("#fx").value = "0.8650";
  $<HTMLInputElement>("#shipping").value = "9.90";
  writeLines([
    { unitPrice: "24.00", quantity: "2", category: "standard", hsCode: "6109.10", dutyRate: "" },
    { unitPrice: "18.50", quantity: "1", category: "books", hsCode: "4901.99", dutyRate: "" },
  ]);
  const form = $("#form");
  form.addEventListener("input", update);
  form.addEventListener("change", (e) => {
    // A new destination brings its own currency (the FX field is then not needed).
    if ((e.target as HTMLElement).id === "destination") $<HTMLInputElement>("#currency").value = destinationInfo($<HTMLSelectElement>("#destination").value).currency;
    update();
  });
  $("#add-line").addEventListener("click", () => {
    writeLines([...readLines(), { unitPrice: "10.00", quantity: "1", category: "standard", hsCode: "", dutyRate: "" }]);
    update();
  });
  $("#lines").addEventListener("click", (e) => {
    const i = (e.target as HTMLElement).dataset.remove;
    if (i === undefined) return;
    writeLines(readLines().filter((_, k) => k !== Number(i)));
    update();
  });
  update();
}

start();
