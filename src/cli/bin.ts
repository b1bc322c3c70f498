/** Entry point of the `destination-vat` executable. */
import { run } from "./main.js";

process.exitCode = await run(process.argv.slice(2));
