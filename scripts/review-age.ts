/** The data:check rule on review dates, apart from the build so a test can hold it to the edge. */
import { addMonths } from "../src/dates.js";

/**
 * Why a file's `reviewedAt` fails the build, or undefined when it passes: older than the edition date
 * by more than `maxMonths` calendar months (2026-12-03 with 12 allows 2025-12-03, not 2025-12-02), or after it.
 * @example
 * reviewAgeProblem("2025-12-02", "2026-12-03", 12) //=> "2025-12-02 is more than 12 months before …"
 */
export function reviewAgeProblem(reviewedAt: string, editionDate: string, maxMonths: number): string | undefined {
  if (reviewedAt < addMonths(editionDate, -maxMonths)) {
    return `${reviewedAt} is more than ${maxMonths} months before the edition date ${editionDate}: re-check the values against their sources and update reviewedAt`;
  }
  if (reviewedAt > editionDate) return `${reviewedAt} is after the edition date ${editionDate}`;
  return undefined;
}
