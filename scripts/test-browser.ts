/**
 * Real-browser test of the playground (site/playground/index.html, built by `npm run playground`).
 *
 *   npm run test:browser        (CI: .ci/run, after the build)
 *
 * Headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH) driven by playwright-core
 * opens the page from file:// (and once from a static server on 127.0.0.1), fills a basket for at
 * least one case per jurisdiction, and compares every figure the page shows (`data-figure`) with
 * quote() run here in Node on the same input (from src/, so tsc checks this script before any build). A bad input must show
 * quote()'s error message next to the field it names. Screenshots go to test-results/.
 *
 * A negative control alters one shown figure and checks that the comparison catches it, so the
 * test cannot pass by comparing nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { Decimal } from "decimal.js";
import { rulesFor, safeQuote, type Quote, type QuoteInput } from "../src/index.js";

const root = join(import.meta.dirname, "..");
const pagePath = join(root, "site/playground/index.html");
const results = join(root, "test-results");
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface LineSpec {
  unitPrice: string;
  quantity: string;
  category?: string;
  hsCode?: string;
  dutyRate?: string;
}

/** A basket as a person types it into the form. */
interface Case {
  name: string;
  destination: string;
  date: string;
  currency?: string; // default: the destination's
  fx?: string;
  lines: LineSpec[];
  shipping?: string;
  business?: { taxId?: string };
  sellerCountry: string;
  sellerRegistered: boolean;
  marketplace?: { name: string; registered: boolean };
  inclusive?: boolean;
  /** The regime the case is meant to show (checked on quote() in Node, so a case cannot drift from its name). */
  regime: Quote["regime"];
}

const CASES: Case[] = [
  {
    name: "AU: marketplace collects GST on a two-line basket",
    destination: "AU",
    date: "2026-11-02",
    lines: [{ unitPrice: "49.95", quantity: "2", hsCode: "6109.10" }, { unitPrice: "18.00", quantity: "1", category: "books" }],
    shipping: "12.00",
    sellerCountry: "US",
    sellerRegistered: false,
    regime: "vendor-collection",
    marketplace: { name: "Example Marketplace", registered: true },
  },
  {
    name: "NZ: goods over NZD 1,000 go to the border (duty and GST)",
    destination: "NZ",
    date: "2026-11-02",
    lines: [{ unitPrice: "1200.00", quantity: "1", hsCode: "8471.30", dutyRate: "0.05" }],
    shipping: "35.00",
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "border-collection",
  },
  {
    name: "NZ: within NZD 1,000, GST at checkout and the per-parcel levy on delivery",
    destination: "NZ",
    date: "2026-11-02",
    lines: [{ unitPrice: "189.99", quantity: "1", hsCode: "6404.11" }, { unitPrice: "19.90", quantity: "2", hsCode: "6115.95" }],
    shipping: "12.00",
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "vendor-collection",
  },
  {
    name: "NO: VOEC seller pricing in USD with an FX rate",
    destination: "NO",
    date: "2026-11-02",
    currency: "USD",
    fx: "10.9500",
    lines: [{ unitPrice: "39.00", quantity: "3", hsCode: "6203.42" }],
    shipping: "8.00",
    sellerCountry: "CN",
    sellerRegistered: true,
    regime: "vendor-collection",
  },
  {
    name: "GB: business customer with a VAT number (reverse charge)",
    destination: "GB",
    date: "2026-11-02",
    lines: [{ unitPrice: "120.00", quantity: "1", hsCode: "8517.62" }],
    business: { taxId: "GB999999973" },
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "reverse-charge",
  },
  {
    name: "XI: Northern Ireland, tax-inclusive prices",
    destination: "XI",
    date: "2026-11-02",
    lines: [{ unitPrice: "60.00", quantity: "1" }],
    shipping: "6.00",
    inclusive: true,
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "vendor-collection",
  },
  {
    name: "SG: OVR registered seller in 2024 (9 %)",
    destination: "SG",
    date: "2024-06-01",
    lines: [{ unitPrice: "150.00", quantity: "2", hsCode: "9102.11" }],
    shipping: "10.00",
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "vendor-collection",
  },
  {
    name: "EU (FR): IOSS seller in USD with two rates and the parcel charges",
    destination: "FR",
    date: "2026-11-02",
    currency: "USD",
    fx: "0.8650",
    lines: [{ unitPrice: "24.00", quantity: "2", hsCode: "6109.10" }, { unitPrice: "18.50", quantity: "1", category: "books", hsCode: "4901.99" }],
    shipping: "9.90",
    sellerCountry: "US",
    sellerRegistered: true,
    regime: "vendor-collection",
  },
  {
    name: "EU (FR): seller without IOSS, VAT and the per-parcel charges at the border",
    destination: "FR",
    date: "2026-11-02",
    lines: [{ unitPrice: "35.00", quantity: "2", hsCode: "6109.10" }, { unitPrice: "12.00", quantity: "1", category: "books", hsCode: "4901.99" }],
    shipping: "8.00",
    sellerCountry: "US",
    sellerRegistered: false,
    regime: "border-collection",
  },
  {
    name: "EU (DE): over EUR 150 through a marketplace, import VAT and duty at the border",
    destination: "DE",
    date: "2026-11-02",
    lines: [{ unitPrice: "180.00", quantity: "1", hsCode: "6403.99", dutyRate: "0.08" }],
    shipping: "15.00",
    sellerCountry: "US",
    sellerRegistered: false,
    regime: "border-collection",
    marketplace: { name: "Example Marketplace", registered: true },
  },
];

/** The QuoteInput a case describes, written here independently of the page's own form code. */
function inputOf(c: Case): QuoteInput {
  const rules = rulesFor(c.destination, c.date);
  const currency = c.currency ?? rules.currency;
  const input: QuoteInput = {
    date: c.date,
    destination: c.destination,
    currency,
    lines: c.lines.map((l, i) => ({
      id: `line${i + 1}`,
      unitPrice: l.unitPrice,
      quantity: /^\d+$/.test(l.quantity) ? Number(l.quantity) : (l.quantity as unknown as number),
      category: (l.category ?? "standard") as never,
      ...(l.hsCode ? { hsCode: l.hsCode } : {}),
      ...(l.dutyRate ? { dutyRate: l.dutyRate } : {}),
    })),
  };
  if (currency !== rules.currency) input.exchangeRates = { [`${currency}/${rules.currency}`]: c.fx ?? "" };
  if (c.shipping) input.shipping = c.shipping;
  if (c.inclusive) input.pricesIncludeTax = true;
  if (c.business) input.customer = { type: "business", ...(c.business.taxId ? { taxId: c.business.taxId } : {}) };
  input.seller = { country: c.sellerCountry, registeredIn: c.sellerRegistered ? [rules.jurisdiction] : [] };
  if (c.marketplace) input.marketplace = { name: c.marketplace.name, registeredIn: c.marketplace.registered ? [rules.jurisdiction] : [] };
  return input;
}

/** Every figure the page must show for a quote, keyed as the page keys them (`data-figure`). */
function expectedFigures(q: Quote): Record<string, string> {
  const dp = (q.landedPrice.split(".")[1] ?? "").length;
  const f: Record<string, string> = { regime: q.regime, collector: q.collector };
  if (q.scheme) f.scheme = q.scheme;
  f["threshold.tested"] = q.threshold.tested;
  f["threshold.amount"] = q.threshold.amount;
  f["threshold.within"] = q.threshold.within ? "within" : "above";
  if (q.threshold.exchangeRate) f["threshold.exchangeRate"] = q.threshold.exchangeRate;
  f.payableAtCheckout = q.payableAtCheckout;
  f.payableOnDelivery = q.payableOnDelivery;
  f.landedPrice = q.landedPrice;
  const duty = new Decimal(q.border?.duty ?? 0);
  const vat = new Decimal(q.border?.importVat ?? 0);
  f["bar.goods"] = q.totals.net;
  f["bar.checkoutTax"] = q.totals.tax;
  f["bar.borderDuty"] = duty.toFixed(dp);
  f["bar.borderVat"] = vat.toFixed(dp);
  f["bar.borderFees"] = new Decimal(q.payableOnDelivery).minus(duty).minus(vat).toFixed(dp);
  q.lines.forEach((l, i) => {
    for (const k of ["regime", "net", "rate", "tax", "gross"] as const) f[`lines.${i}.${k}`] = l[k];
  });
  if (q.shipping) {
    f["shipping.net"] = q.shipping.net;
    f["shipping.rate"] = q.shipping.rate ?? "mixed";
    f["shipping.tax"] = q.shipping.tax;
    f["shipping.gross"] = q.shipping.gross;
  }
  f["totals.net"] = q.totals.net;
  f["totals.tax"] = q.totals.tax;
  f["totals.gross"] = q.totals.gross;
  if (q.border) {
    f["border.customsValue"] = q.border.customsValue;
    f["border.duty"] = q.border.duty;
    f["border.importVat"] = q.border.importVat;
    q.border.fees.forEach((fee, i) => {
      f[`border.fees.${i}.amount`] = fee.amount;
      f[`border.fees.${i}.payer`] = fee.payer;
    });
  }
  return f;
}

/** Differences between what the page shows and what it should: missing, extra and different figures. */
function compare(shown: Record<string, string>, expected: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (!(k in shown)) out.push(`${k}: not shown (expected ${v})`);
    else if (shown[k] !== v) out.push(`${k}: page shows ${JSON.stringify(shown[k])}, quote() gives ${JSON.stringify(v)}`);
  }
  for (const k of Object.keys(shown)) if (!(k in expected)) out.push(`${k}: shown but not in quote()'s output`);
  return out;
}

const shownFigures = (page: Page) =>
  page.$$eval("#result [data-figure]", (els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-figure")!, e.textContent ?? ""])));

async function fill(page: Page, c: Case) {
  await page.selectOption("#destination", c.destination);
  await page.fill("#date", c.date);
  if (c.currency) await page.fill("#currency", c.currency);
  if (c.fx) await page.fill("#fx", c.fx);
  while (await page.locator("#lines [data-remove]").count()) await page.locator("#lines [data-remove]").first().click();
  for (let i = 0; i < c.lines.length; i++) await page.click("#add-line");
  for (const [i, l] of c.lines.entries()) {
    await page.fill(`[data-path="lines.${i}.unitPrice"]`, l.unitPrice);
    await page.fill(`[data-path="lines.${i}.quantity"]`, l.quantity);
    await page.selectOption(`[data-path="lines.${i}.category"]`, l.category ?? "standard");
    await page.fill(`[data-path="lines.${i}.hsCode"]`, l.hsCode ?? "");
    await page.fill(`[data-path="lines.${i}.dutyRate"]`, l.dutyRate ?? "");
  }
  await page.fill("#shipping", c.shipping ?? "");
  await page.setChecked("#inclusive", !!c.inclusive);
  await page.selectOption("#customer", c.business ? "business" : "consumer");
  await page.fill("#tax-id", c.business?.taxId ?? "");
  await page.fill("#seller-country", c.sellerCountry);
  await page.setChecked("#seller-registered", c.sellerRegistered);
  await page.setChecked("#marketplace", !!c.marketplace);
  if (c.marketplace) {
    await page.fill("#marketplace-name", c.marketplace.name);
    await page.setChecked("#marketplace-registered", c.marketplace.registered);
  }
}

/** The bar's rectangles must be as wide as their share of the landed price (the picture tells the truth too). */
async function barProblems(page: Page, expected: Record<string, string>): Promise<string[]> {
  const widths = await page.$$eval("#result svg rect", (rs) => rs.map((r) => Number(r.getAttribute("width"))));
  const parts = ["bar.goods", "bar.checkoutTax", "bar.borderDuty", "bar.borderVat", "bar.borderFees"].map((k) => new Decimal(expected[k]!)).filter((d) => d.gt(0));
  const landed = new Decimal(expected.landedPrice!);
  const sum = parts.reduce((a, b) => a.plus(b), new Decimal(0));
  const out: string[] = [];
  if (!sum.eq(landed)) out.push(`bar parts add up to ${sum}, landed price is ${landed}`);
  if (widths.length !== parts.length) return [...out, `bar has ${widths.length} rectangles for ${parts.length} non-zero parts`];
  parts.forEach((p, i) => {
    const want = p.div(landed).times(600).toNumber();
    if (Math.abs(widths[i]! - want) > 0.5) out.push(`bar rectangle ${i} is ${widths[i]} wide, expected ${want.toFixed(2)}`);
  });
  return out;
}

let passed = 0;
let failed = 0;
function check(name: string, problems: string[]) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}\n      ${problems.join("\n      ")}`);
  }
}

async function main() {
  if (!existsSync(pagePath)) throw new Error(`${pagePath} is missing: run \`npm run playground\` first`);
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(results, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "dvat-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    // What works on this machine's closed network (see the Chromium notes in the repository's CI script).
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
  });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(pagePath).href);
    await page.waitForSelector("#result [data-figure=landedPrice]");

    for (const c of CASES) {
      await fill(page, c);
      const r = safeQuote(inputOf(c));
      if (!r.ok) {
        check(c.name, [`quote() in Node refused the case: ${r.error.code} ${r.error.message}`]);
        continue;
      }
      const expected = expectedFigures(r.quote);
      const intent = r.quote.regime === c.regime ? [] : [`quote() gives ${r.quote.regime}, the case is meant to show ${c.regime}`];
      const problem = (await page.textContent("#problem"))?.trim();
      check(c.name, [...intent, ...(problem ? [`page shows an error: ${problem}`] : []), ...compare(await shownFigures(page), expected), ...(await barProblems(page, expected))]);
      if (c.name.startsWith("EU (FR): seller without IOSS")) await page.screenshot({ path: join(results, "playground.png"), fullPage: true });
    }

    // Negative control: a figure that differs must be caught.
    const last = safeQuote(inputOf(CASES.at(-1)!));
    if (!last.ok) throw last.error;
    await page.$eval("#result [data-figure='totals.tax']", (e) => (e.textContent = `${e.textContent}1`));
    const caught = compare(await shownFigures(page), expectedFigures(last.quote));
    check("negative control: an altered figure on the page is reported", caught.length === 1 && caught[0]!.startsWith("totals.tax:") ? [] : [`comparison reported ${JSON.stringify(caught)}`]);

    // Bad input: quote()'s own message, next to the field its path names; the last result stays.
    const base = CASES[0]!;
    for (const bad of [
      { name: "a price written with a comma", field: "lines.0.unitPrice", edit: (c: Case): Case => ({ ...c, lines: [{ ...c.lines[0]!, unitPrice: "49,95" }, ...c.lines.slice(1)] }) },
      { name: "a date that does not exist", field: "date", edit: (c: Case): Case => ({ ...c, date: "2026-02-30" }) },
      { name: "a date before the data", field: "date", edit: (c: Case): Case => ({ ...c, date: "2017-01-01" }) },
      { name: "a fractional quantity", field: "lines.1.quantity", edit: (c: Case): Case => ({ ...c, lines: [c.lines[0]!, { ...c.lines[1]!, quantity: "1.5" }] }) },
    ]) {
      const c = bad.edit(base);
      await fill(page, base);
      await fill(page, c);
      const r = safeQuote({ ...inputOf({ ...c, date: base.date }), date: c.date });
      const problems: string[] = [];
      if (r.ok) problems.push("quote() in Node accepted the input");
      else {
        const shown = (await page.textContent(`.field[data-field="${bad.field}"] .error`))?.trim();
        if (shown !== r.error.message) problems.push(`next to ${bad.field}: ${JSON.stringify(shown)}; quote() says ${JSON.stringify(r.error.message)}`);
        if (r.error.path.join(".") !== bad.field) problems.push(`quote()'s path is ${r.error.path.join(".")}, expected ${bad.field}`);
        if (!(await page.locator("#result [data-figure=landedPrice]").count())) problems.push("the result went blank");
        if ((await page.textContent("#problem"))?.trim()) problems.push("the error was shown in the page-level box instead of next to the field");
      }
      check(`bad input, ${bad.name}: the message is shown next to the field`, problems);
      if (bad.field === "lines.0.unitPrice") await page.screenshot({ path: join(results, "playground-error.png"), fullPage: false });
    }
    await page.close();

    // The same page from a static host (loopback only).
    const html = readFileSync(pagePath);
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const port = (server.address() as { port: number }).port;
      const web = await context.newPage();
      web.on("pageerror", (e) => pageErrors.push(e.message));
      await web.goto(`http://127.0.0.1:${port}/`);
      await web.waitForSelector("#result [data-figure=landedPrice]");
      const c = CASES.find((x) => x.destination === "SG")!;
      await fill(web, c);
      const r = safeQuote(inputOf(c));
      check("served over http: the SG case shows quote()'s figures", r.ok ? compare(await shownFigures(web), expectedFigures(r.quote)) : [r.error.message]);
    } finally {
      server.close();
    }
    check("no uncaught error in the page", pageErrors);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots: test-results/playground.png, test-results/playground-error.png`);
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

await main();
