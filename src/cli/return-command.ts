/** The `return` verb (filled in by the returns work). */
import type { Command } from "commander";

export function registerReturnCommand(_program: Command, _out: (s: string) => void): void {}
