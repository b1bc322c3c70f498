/** A mistake in the command's arguments or an unusable input file (exit code 2). */
export class UsageError extends Error {}
