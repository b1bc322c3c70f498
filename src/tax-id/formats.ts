/**
 * Tax identifiers of the jurisdictions whose B2B rule needs one (AU, NZ, NO, GB/XI, SG):
 * their formats and check digits, as the issuers publish them. quote() checks these on
 * every business sale, so they are written out here in a few lines each (stdnum's versions
 * add 2.7 kB gzip to the quote() bundle, mostly a Unicode table; test/tax-id.test.ts checks
 * that both agree). Each format is its own export so that a per-jurisdiction entry point
 * bundles only the ones its data names (RuleSet.taxIds). The 27 EU member-state formats, where stdnum earns its place, live in
 * ./eu.ts, which only checkTaxId() loads.
 */
import type { B2bTaxIdKind, TaxIdKind } from "../data/tax-id-kinds.js";

/** What was wrong with a tax identifier. */
export type TaxIdProblem = "empty" | "characters" | "length" | "prefix" | "format" | "check-digit" | "unsupported";

/** A check's verdict on a number already stripped of separators and upper-cased. */
export type Verdict = { ok: true; value: string; checked: "check-digit" | "format" } | { ok: false; problem: TaxIdProblem };

export interface TaxIdFormat {
  kind: TaxIdKind;
  /** What the caller should have given, for messages. */
  expected: string;
  /** `compact` is upper-case A–Z 0–9; `country` the code asked about (XI: a UK number without prefix is XI's). */
  check(compact: string, country: string): Verdict;
}

const digits = (s: string, n: number) => s.length === n && /^\d+$/.test(s);

/**
 * Separators (spaces, dots, dashes, slashes, commas) removed, letters upper-cased, full-width
 * and other compatibility forms folded (NFKC). undefined when the result is not plain A–Z 0–9.
 */
export function compactId(raw: string): string | undefined {
  const s = raw.normalize("NFKC").toUpperCase().replace(/[\s.,/\-\u2010-\u2015]/g, "");
  return /^[A-Z0-9]*$/.test(s) ? s : undefined;
}

/** GS1 mod-10 check digit (NZBN is a GS1 Global Location Number). */
function gs1(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < s.length - 1; i++) sum += Number(s[i]) * ((s.length - 1 - i) % 2 === 1 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(s[s.length - 1]);
}

const OK = (value: string): Verdict => ({ ok: true, value, checked: "check-digit" });
const BAD_CHECK: Verdict = { ok: false, problem: "check-digit" };
/** The problem with a number that is not `n` digits (or one of the lengths in `n`). */
const notDigits = (s: string): Verdict => ({ ok: false, problem: /^\d+$/.test(s) ? "length" : "format" });

/** Weighted sum over the characters' positions in `alphabet`. */
function weighted(s: string, weights: readonly number[], alphabet = "0123456789"): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += alphabet.indexOf(s[i]!) * weights[i]!;
  return sum;
}

/** Entity-type codes (the "PQ" of TyyPQnnnnX) of UENs issued to entities other than ACRA businesses and local companies. */
const UEN_ENTITY_TYPES = /* @__PURE__ */ new Set(["LP", "LL", "FC", "PF", "RF", "MQ", "MM", "NB", "CC", "CS", "MB", "FM", "GS", "GA", "GB", "DP", "CP", "NR", "CM", "CD", "MD", "HS", "VH", "CH", "MH", "CL", "XL", "CX", "RP", "TU", "TC", "FB", "FN", "PA", "PB", "SS", "MC", "SM"]);
const UEN_OTHER = "ABCDEFGHJKLMNPQRSTUVWX0123456789";

/**
 * Singapore UEN (uen.gov.sg formats): nnnnnnnnX (business registered with ACRA), yyyynnnnnX
 * (local company), TyyPQnnnnX (other entities; T/S/R for 20xx/19xx/18xx). The check letters
 * are those stdnum and python-stdnum use; the issuer does not publish the algorithm.
 */
function uen(s: string): Verdict {
  const last = s[s.length - 1]!;
  let expect: string | undefined;
  if (s.length === 9 && /^\d{8}[A-Z]$/.test(s)) expect = "XMKECAWLJDB"[weighted(s, [10, 4, 9, 3, 8, 2, 7, 1]) % 11];
  else if (s.length === 10 && /^\d{9}[A-Z]$/.test(s)) expect = "ZKCMDNERGWH"[weighted(s, [10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11];
  else if (s.length === 10 && /^[RST]\d\d[A-Z]{2}\d{4}[A-Z]$/.test(s)) {
    if (!UEN_ENTITY_TYPES.has(s.slice(3, 5))) return { ok: false, problem: "format" };
    expect = UEN_OTHER[(weighted(s, [4, 3, 5, 3, 10, 2, 2, 5, 7], UEN_OTHER) + 6) % 11];
  } else return { ok: false, problem: s.length === 9 || s.length === 10 ? "format" : "length" };
  return last === expect ? OK(s) : BAD_CHECK;
}

/** Strip one of `prefixes` from the front, when present. */
function unprefix(s: string, prefixes: readonly string[]): [prefix: string | undefined, rest: string] {
  for (const p of prefixes) if (s.startsWith(p)) return [p, s.slice(p.length)];
  return [undefined, s];
}

/**
 * The UK VAT number without its prefix: 9 digits (12 for a branch, the last 3 unchecked) whose
 * first 7 weighted 8…2 plus the last 2 are a multiple of 97, or leave 42 or 55 for numbers from
 * 100 0000 up (HMRC's 97-55 series since 2009); or GD + 3 digits under 500 (government
 * departments), HA + 3 digits from 500 (health authorities), or either as GD8888/HA8888 with the
 * 3 digits and their value mod 97.
 */
function ukVatNumber(s: string): Verdict {
  if (/^(GD|HA)\d{3}$/.test(s) || /^(GD|HA)8888\d{5}$/.test(s)) {
    const n = Number(s.length === 5 ? s.slice(2) : s.slice(6, 9));
    if ((s.startsWith("GD") ? n >= 500 : n < 500) ) return { ok: false, problem: "format" };
    return s.length === 5 || n % 97 === Number(s.slice(9)) ? OK(s) : BAD_CHECK;
  }
  if (!/^\d{9}(\d{3})?$/.test(s)) return notDigits(s);
  const sum = weighted(s, [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
  return sum === 0 || (Number(s.slice(0, 3)) >= 100 && (sum === 42 || sum === 55)) ? OK(s) : BAD_CHECK;
}

/** Australian Business Number. ABR: subtract 1 from the first digit, weight the digits 10, 1, 3, 5, …, 19; the sum is a multiple of 89. */
export const ABN: TaxIdFormat = {
  kind: "ABN",
  expected: "an Australian Business Number (ABN: 11 digits)",
  check(s) {
    if (!digits(s, 11) || s[0] === "0") return notDigits(s);
    return (weighted(s, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) - 10) % 89 === 0 ? OK(s) : BAD_CHECK;
  },
};

/**
 * New Zealand GST number, which is the IRD number. IRD: the base (padded to 8 digits) weighted
 * 3,2,7,6,5,4,3,2; check = 11 − sum mod 11 (0 for 11); 10 means weight 7,4,3,2,5,2,7,6 instead,
 * and 10 again means no valid number.
 */
export const NZ_GST: TaxIdFormat = {
  kind: "NZ-GST",
  expected: "a New Zealand GST number (the IRD number: 8 or 9 digits)",
  check(s) {
    const rest = unprefix(s, ["NZ"])[1];
    if (!/^\d{8,9}$/.test(rest)) return notDigits(rest);
    const base = rest.slice(0, -1).padStart(8, "0");
    let c = (11 - (weighted(base, [3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    if (c === 10) c = (11 - (weighted(base, [7, 4, 3, 2, 5, 2, 7, 6]) % 11)) % 11;
    return String(c) === rest[rest.length - 1] ? OK(rest) : BAD_CHECK;
  },
};

/** New Zealand Business Number: a 13-digit GS1 Global Location Number. */
export const NZBN: TaxIdFormat = {
  kind: "NZBN",
  expected: "a New Zealand Business Number (NZBN: 13 digits)",
  check: (s) => (!digits(s, 13) ? notDigits(s) : gs1(s) ? OK(s) : BAD_CHECK),
};

/** Norwegian organisation number. Brønnøysund: the first 8 digits weighted 3,2,7,6,5,4,3,2; check = 11 − sum mod 11 (0 for 11; 10 is never issued). */
export const NO_ORG: TaxIdFormat = {
  kind: "NO-ORG",
  expected: "a Norwegian organisation number (9 digits, optionally written NO … MVA)",
  check(s) {
    const rest = unprefix(s, ["NO"])[1].replace(/MVA$/, "");
    if (!digits(rest, 9)) return notDigits(rest);
    return weighted(rest, [3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0 ? OK(rest) : BAD_CHECK;
  },
};

/** UK VAT number with the GB (Great Britain) or XI (Northern Ireland) prefix, or none: then XI when asked for XI, else GB. */
export const GB_VAT: TaxIdFormat = {
  kind: "GB-VAT",
  expected: "a UK VAT registration number (GB or XI, then 9 digits, 12 for a branch, or GD/HA and 3 digits)",
  check(s, country) {
    const [prefix, rest] = unprefix(s, ["GB", "XI"]);
    const v = ukVatNumber(rest);
    return v.ok ? OK((prefix ?? (country === "XI" ? "XI" : "GB")) + v.value) : v;
  },
};

/** Singapore GST registration number: the UEN, or for entities without one an IRAS number starting with M. */
export const SG_GST: TaxIdFormat = {
  kind: "SG-GST",
  expected: "a Singapore GST registration number (the UEN, such as 200312345A, or an M-number such as M90312345A)",
  check(s) {
    // M, then a digit or letter, 7 digits and a check character whose algorithm is not published: only the shape is checked.
    if (/^M[A-Z0-9]\d{7}[A-Z0-9]$/.test(s)) return { ok: true, value: s, checked: "format" };
    return uen(s);
  },
};

/** The formats a B2B rule may require, by kind: what the default entry's quote() checks (each per-jurisdiction entry binds only its own). */
export type TaxIdFormats = Partial<Record<B2bTaxIdKind, TaxIdFormat>>;

/** Every B2B format. */
export const NATIONAL: Record<B2bTaxIdKind, TaxIdFormat> = { ABN, "NZ-GST": NZ_GST, NZBN, "NO-ORG": NO_ORG, "GB-VAT": GB_VAT, "SG-GST": SG_GST };

/**
 * VOEC number (Norway's VAT on e-commerce register). No published format was found beyond
 * the VOEC prefix and digits, so that is all that is checked.
 */
export const VOEC: TaxIdFormat = {
  kind: "VOEC",
  expected: "a VOEC number (VOEC then digits)",
  check: (s) => (/^VOEC\d+$/.test(s) ? { ok: true, value: s, checked: "format" } : { ok: false, problem: s.startsWith("VOEC") ? "format" : "prefix" }),
};

/**
 * How near a failed number came: a wrong check digit says more than a wrong length, and a
 * missing prefix least (an alternative format such as VOEC or IOSS is recognised by it).
 */
const NEARNESS: Record<TaxIdProblem, number> = { "check-digit": 5, format: 4, length: 3, prefix: 2, characters: 1, empty: 0, unsupported: 0 };

/** The first of `formats` that accepts `compact`; else the nearest miss (the first of equals). */
export function checkFormats(compact: string, country: string, formats: readonly TaxIdFormat[]): { format: TaxIdFormat; verdict: Verdict } {
  let best: { format: TaxIdFormat; verdict: Verdict & { ok: false } } | undefined;
  for (const format of formats) {
    const verdict = format.check(compact, country);
    if (verdict.ok) return { format, verdict };
    if (!best || NEARNESS[verdict.problem] > NEARNESS[best.verdict.problem]) best = { format, verdict };
  }
  return best!;
}

/** Longest input examined at all: the longest format (a 12-digit UK branch number with prefix and spaces) fits many times over. */
const MAX_INPUT = 64;

/** What was wrong, in words, for a number of `length` characters (the number itself is never repeated). */
export function problemText(problem: TaxIdProblem, length: number): string {
  switch (problem) {
    case "empty":
      return "it is empty";
    case "characters":
      return "it contains characters other than letters, digits, spaces, dots, dashes and slashes";
    case "length":
      return length > MAX_INPUT ? `it is ${length} characters long, longer than any such number` : `it has ${length} letters and digits, which is not a length this number has`;
    case "prefix":
      return "its two-letter prefix is not the country's";
    case "format":
      return "its letters and digits are not in the places this format puts them";
    case "check-digit":
      return "its check digit does not match the other digits (a typing error?)";
    case "unsupported":
      return "the SDK knows no tax identifier for this country";
  }
}

/** A valid identifier: its kind and its compact form (prefix, digits and letters only). */
export interface TaxIdValid {
  valid: true;
  /** The country code asked about, upper-cased. */
  country: string;
  kind: TaxIdKind;
  /** The number without separators, upper-cased, with its prefix where it has one ("DE136695976", "GB980780684"). */
  value: string;
  /** "check-digit": the check digit was verified; "format": the format has no published check digit, only its shape was checked. */
  checked: "check-digit" | "format";
}

/** A malformed identifier: what was expected and what was wrong (the input itself is never repeated). */
export interface TaxIdInvalid {
  valid: false;
  country: string;
  /** The kind it came nearest to, when it resembled one. */
  kind?: TaxIdKind;
  problem: TaxIdProblem;
  /** The formats accepted for this country, in words. */
  expected: string;
  /** A sentence for a person: the formats expected and what was wrong. */
  message: string;
}

/** The result of `checkTaxId`. */
export type TaxIdCheck = TaxIdValid | TaxIdInvalid;

/** Check `raw` against `formats` (the first that accepts it wins). */
export function checkWith(country: string, raw: unknown, formats: readonly TaxIdFormat[]): TaxIdCheck {
  const expected = formats.map((f) => f.expected).join(", or ");
  const fail = (problem: TaxIdProblem, length: number, kind?: TaxIdKind): TaxIdInvalid => {
    const out: TaxIdInvalid = { valid: false, country, problem, expected, message: `Expected ${expected}; ${problemText(problem, length)}.` };
    if (kind !== undefined) out.kind = kind;
    return out;
  };
  if (typeof raw !== "string") return fail("empty", 0);
  if (raw.length > MAX_INPUT) return fail("length", raw.length);
  const compact = compactId(raw);
  if (compact === undefined) return fail("characters", raw.length);
  if (compact === "") return fail("empty", 0);
  const { format, verdict } = checkFormats(compact, country, formats);
  if (verdict.ok) return { valid: true, country, kind: format.kind, value: verdict.value, checked: verdict.checked };
  return fail(verdict.problem, compact.length, verdict.problem === "prefix" ? undefined : format.kind);
}

/** The customer's tax id against the identifiers a B2B rule of `destination` requires, with the formats the caller's entry point carries. */
export function checkBusinessId(destination: string, raw: string, kinds: readonly B2bTaxIdKind[], formats: TaxIdFormats): TaxIdCheck {
  const list: TaxIdFormat[] = [];
  for (const k of kinds) if (formats[k]) list.push(formats[k]);
  // An entry point binds the formats its data names (test/tax-id.test.ts); none bound would be a build fault, reported, not thrown.
  if (list.length === 0) return { valid: false, country: destination, problem: "unsupported", expected: kinds.join(" or "), message: `This entry point carries no check for ${kinds.join(" or ")}.` };
  return checkWith(destination, raw, list);
}
