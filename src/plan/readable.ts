/** Reading the caller's input for plan() and exportRoute(). */
import { VatError, invalid } from "../errors.js";

/**
 * Run `read`, turning anything but a VatError into INVALID_INPUT: a getter or Proxy trap that
 * throws while the input is read is the caller's mistake, not a crash.
 * @example
 * readable(() => normalise(input))
 */
export function readable<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof VatError) throw e;
    throw invalid([], `the input could not be read (a getter or Proxy threw: ${e instanceof Error ? e.message.slice(0, 200) : "unknown error"})`);
  }
}

