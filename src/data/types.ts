/** Types of the generated data modules (src/generated/), derived from the data schema. */
import type { Fee, JurisdictionFile } from "./schema.js";

export type { Category, EstablishedRegistration, Fee, PendingChange, PostcodeTerritory, RatePeriod, RulePeriod, Source, Territory } from "./schema.js";
export { CATEGORIES } from "./categories.js";

/** A fee as generated: member-state fees carry the destination they apply to. */
export type GeneratedFee = Fee & { destination?: string };

export type JurisdictionData = Omit<JurisdictionFile, "$schema" | "fees"> & { fees: GeneratedFee[] };
