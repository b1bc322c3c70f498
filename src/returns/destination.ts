/** What a ledger entry's destination code means for one return: shared by the streaming and the SQL engine. */
import { ruleChangeDates, rulesFor } from "../rules.js";
import { rejectionMessage as msg } from "./messages.js";
import type { ReturnContext } from "./period.js";
import type { RejectionReason } from "./types.js";

export interface DestinationStatus {
  /** Canonical code (UK → GB), "" when unknown. */
  code: string;
  /** Whose row the entry goes in (Monaco → FR). */
  taxedAs: string;
  /** First date the data covers it. */
  from: string;
  reason?: RejectionReason;
  message?: string;
}

/** The code's status on this return: on it (with its row and coverage), or the reason it is not. */
export function destinationStatus(v: unknown, ctx: ReturnContext): DestinationStatus {
  let from: string;
  try {
    from = typeof v === "string" ? ruleChangeDates(v)[0]! : "";
  } catch {
    from = "";
  }
  if (!from) return { code: "", taxedAs: "", from: "", reason: "UNKNOWN_DESTINATION", message: msg.destination(v) };
  const r = rulesFor(v as string, from);
  const wanted = ctx.jurisdiction;
  // A destination of another jurisdiction belongs on this return when it accepts this return's scheme (XI: IOSS sales).
  const onThisReturn = r.jurisdiction === wanted || r.acceptedRegistrations.some((a) => a.scheme === ctx.rules.scheme);
  if (!onThisReturn) return { code: r.destination, taxedAs: r.taxedAs, from, reason: "OTHER_JURISDICTION", message: msg.otherJurisdiction(r.destination, r.jurisdiction, wanted) };
  if (!r.inVatArea) return { code: r.destination, taxedAs: r.taxedAs, from, reason: "OUTSIDE_VAT_AREA", message: msg.outsideVatArea(r.destination, r.jurisdiction) };
  return { code: r.destination, taxedAs: r.taxedAs, from };
}
