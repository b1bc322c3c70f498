/**
 * The `destination-vat` command line. Node only; the library itself never touches
 * the file system. Exit codes: 0 ok, 2 bad input or arguments, 1 internal failure.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { DATA_VERSION, VatError, listDestinations, quote, rulesFor } from "../index.js";
import { UsageError } from "./errors.js";
import { formatDestinations, formatQuote, formatRules } from "./format.js";
import { registerAuditCommand } from "./audit-command.js";
import { registerReturnCommand } from "./return-command.js";
import { registerPlanCommand } from "./plan-command.js";
import { registerExportRouteCommand } from "./export-route-command.js";
import { PACKAGE_VERSION } from "./version.js";

/** Read a file path, or standard input for "-"; a directory or unreadable file is a one-line usage error. */
export function readInput(path: string, what = "QuoteInput JSON file"): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "EISDIR" ? `${path} is a directory; give a ${what}` : `cannot read ${path}: ${(e as Error).message}`);
  }
}

export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // editors on Windows write a BOM
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export { UsageError };

/** Today on the computer's calendar, YYYY-MM-DD: the CLI's default date (the library never reads the clock). */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

export function buildProgram(out: (s: string) => void = (s) => process.stdout.write(s)): Command {
  const program = new Command("destination-vat")
    .description("VAT/GST at checkout for low-value goods shipped to consumers in AU, NZ, NO, GB, XI, SG and the EU.")
    .version(`destination-vat ${PACKAGE_VERSION} (data ${DATA_VERSION})`, "-v, --version")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("quote")
    .description("Quote one shipment from a QuoteInput JSON file (or - for standard input).")
    .argument("<file>", "QuoteInput JSON file, or - for standard input")
    .option("--json", "print the Quote as JSON")
    .addHelpText("after", "\nExample:\n  destination-vat quote examples/shipments/fr-ioss-fx.json\n  cat shipment.json | destination-vat quote - --json")
    .action((file: string, opts: { json?: boolean }) => {
      const q = quote(parseJson(readInput(file), file) as Parameters<typeof quote>[0]);
      out(opts.json ? `${JSON.stringify(q, null, 2)}\n` : formatQuote(q));
    });

  program
    .command("rates")
    .description("Show the rules in force for a destination: rates per category, threshold, registration, returns, sources.")
    .argument("<destination>", "ISO 3166-1 alpha-2 code, e.g. FR, GB, AU")
    .option("--date <YYYY-MM-DD>", "the date the rules apply to (default: today, on this computer's calendar)")
    .option("--postal-code <code>", "destination postcode, for places outside the VAT area without a code of their own (DE 27498: Heligoland)")
    .option("--json", "print the rules as JSON")
    .addHelpText("after", "\nExample:\n  destination-vat rates SG --date 2024-01-01")
    .action((destination: string, opts: { date?: string; postalCode?: string; json?: boolean }) => {
      const date = opts.date ?? today();
      const r = rulesFor(destination, date, opts.postalCode === undefined ? undefined : { postalCode: opts.postalCode });
      if (opts.json) return out(`${JSON.stringify(r, null, 2)}\n`);
      out(`${opts.date === undefined ? `rules in force today, ${date} (no --date given)\n` : ""}${formatRules(r)}`);
    });

  program
    .command("destinations")
    .description("List every supported destination: its name and how it is taxed (vendor collection, taxed as another code, outside the VAT area).")
    .option("--date <YYYY-MM-DD>", "the date the status applies to (default: today)")
    .option("--json", "print the codes as a JSON array")
    .action((opts: { date?: string; json?: boolean }) => {
      const list = listDestinations();
      out(opts.json ? `${JSON.stringify(list)}\n` : formatDestinations(list, opts.date ?? today()));
    });

  registerReturnCommand(program, out);
  registerPlanCommand(program, out);
  registerExportRouteCommand(program, out);
  registerAuditCommand(program, out);
  return program;
}

/** Run the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function run(argv: string[], out?: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const program = buildProgram(out);
  // Subcommands copied the parent's output settings when they were added: set theirs too, or their usage errors bypass `err`.
  for (const c of [program, ...program.commands]) c.configureOutput({ writeErr: err, ...(out ? { writeOut: out } : {}) });
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof VatError) {
      err(`error ${e.code} at ${e.path.length ? e.path.join(".") : "input"}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code === "ENOENT") {
      err(`error: ${(e as Error).message}\n`);
      return 2;
    }
    err(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
