/**
 * EU VAT numbers of the 27 member states (with the prefix VIES uses: EL for Greece) and
 * IOSS numbers. Only checkTaxId() loads this module: no EU B2B rule depends on the
 * customer's number (IOSS is for consumers only), so quote() never needs it.
 */
/*! Includes code from stdnum-js (https://github.com/koblas/stdnum-js), MIT License, Copyright (c) David Koblas. */
import { validate as AT } from "stdnum/lib/esm/at/uid";
import { validate as BE } from "stdnum/lib/esm/be/vat";
import { validate as BG } from "stdnum/lib/esm/bg/vat";
import { validate as CY } from "stdnum/lib/esm/cy/vat";
import { validate as CZ } from "stdnum/lib/esm/cz/dic";
import { validate as DE } from "stdnum/lib/esm/de/vat";
import { validate as DK } from "stdnum/lib/esm/dk/cvr";
import { validate as EE } from "stdnum/lib/esm/ee/kmkr";
import { validate as ES } from "stdnum/lib/esm/es/nif";
import { validate as FI } from "stdnum/lib/esm/fi/alv";
import { validate as FR } from "stdnum/lib/esm/fr/tva";
import { validate as EL } from "stdnum/lib/esm/gr/vat";
import { validate as HR } from "stdnum/lib/esm/hr/oib";
import { validate as HU } from "stdnum/lib/esm/hu/anum";
import { validate as IE } from "stdnum/lib/esm/ie/vat";
import { validate as IT } from "stdnum/lib/esm/it/iva";
import { validate as LT } from "stdnum/lib/esm/lt/pvm";
import { validate as LU } from "stdnum/lib/esm/lu/tva";
import { validate as LV } from "stdnum/lib/esm/lv/pvn";
import { validate as MT } from "stdnum/lib/esm/mt/vat";
import { validate as NL } from "stdnum/lib/esm/nl/btw";
import { validate as PL } from "stdnum/lib/esm/pl/nip";
import { validate as PT } from "stdnum/lib/esm/pt/nif";
import { validate as RO } from "stdnum/lib/esm/ro/cif";
import { validate as SE } from "stdnum/lib/esm/se/vat";
import { validate as SI } from "stdnum/lib/esm/si/ddv";
import { validate as SK } from "stdnum/lib/esm/sk/dph";
import type { Validator } from "stdnum/lib/esm/types";
import { GB_VAT, type TaxIdFormat, type Verdict } from "./formats.js";

/** stdnum's result as a verdict: the compact number after `prefix`, or stdnum's error class as our problem code. */
function fromStdnum(r: { isValid: true; compact: string } | { isValid: false; error?: { name: string } }, prefix = ""): Verdict {
  if (r.isValid) return { ok: true, value: prefix + r.compact, checked: "check-digit" };
  const name = r.error?.name;
  return { ok: false, problem: name === "InvalidLength" ? "length" : name === "InvalidChecksum" ? "check-digit" : "format" };
}

/** Each member state's VAT number check, by the prefix its numbers carry in VIES. */
const VAT: Record<string, Validator["validate"]> = { AT, BE, BG, CY, CZ, DE, DK, EE, EL, ES, FI, FR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK };

/** The VAT-number prefix of a member state: its country code, except Greece's (EL). */
export function vatPrefix(country: string): string | undefined {
  const p = country === "GR" ? "EL" : country;
  return Object.hasOwn(VAT, p) ? p : undefined;
}

/**
 * A VAT number of member state `prefix` (with that prefix or none), or of any member state
 * when `prefix` is undefined (then the prefix is required).
 */
export function euVat(prefix: string | undefined): TaxIdFormat {
  return {
    kind: "EU-VAT",
    expected: prefix ? `a VAT identification number of ${prefix} (${prefix} then the national number)` : "an EU VAT identification number (a member state's prefix, EL for Greece, then its national number)",
    check(s) {
      const lead = s.slice(0, 2);
      let own = prefix;
      let rest = s;
      if (lead === prefix) rest = s.slice(2);
      else if (prefix === undefined) {
        if (!Object.hasOwn(VAT, lead)) return { ok: false, problem: "prefix" };
        own = lead;
        rest = s.slice(2);
      } else if (Object.hasOwn(VAT, lead) || lead === "GR" || lead === "XI") return { ok: false, problem: "prefix" };
      if (rest.length === 0) return { ok: false, problem: "length" };
      return fromStdnum(VAT[own!]!(rest), own);
    },
  };
}

/** ISO 3166-1 numeric codes of the member states, the xxx in an IOSS number IMxxxyyyyyyz. */
const MEMBER_STATE_NUMERIC = new Set(["040", "056", "100", "191", "196", "203", "208", "233", "246", "250", "276", "300", "348", "372", "380", "428", "440", "442", "470", "528", "616", "620", "642", "703", "705", "724", "752"]);

/**
 * IOSS VAT identification number: IM, the 3-digit numeric code of the member state of
 * identification, 6 digits and a check digit. Each member state computes its own check
 * digit and none is published, so only the shape and the member-state code are checked.
 */
export const IOSS: TaxIdFormat = {
  kind: "IOSS",
  expected: "an IOSS number (IM, a member state's 3-digit code, 7 digits)",
  check(s) {
    const m = /^IM(\d{3})\d{7}$/.exec(s);
    if (!m) return { ok: false, problem: s.startsWith("IM") ? (/^IM\d+$/.test(s) ? "length" : "format") : "prefix" };
    return MEMBER_STATE_NUMERIC.has(m[1]!) ? { ok: true, value: s, checked: "format" } : { ok: false, problem: "format" };
  },
};

/** Northern Ireland's VAT numbers in VIES: UK numbers with the XI prefix, which an EU-wide check requires. */
export const XI_VAT: TaxIdFormat = {
  kind: "GB-VAT",
  expected: "a Northern Ireland VAT number (XI then the UK number)",
  check: (s) => (s.startsWith("XI") ? GB_VAT.check(s, "XI") : { ok: false, problem: "prefix" }),
};
