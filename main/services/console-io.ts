/** Where a command writes; passed in so commands are testable and never reach for globals. */
export interface ConsoleIo {
  out(line: string): void
  err(line: string): void
  readSecret(prompt: string): Promise<string>
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * Exit codes: 0 done, 1 a failure the message explains, 2 bad usage, 3 stopped but something was
 * left behind (the message names it and says what to do).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, incomplete: 3 } as const
