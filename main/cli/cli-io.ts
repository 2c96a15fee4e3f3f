/** Where a command writes; passed in so commands are testable and never reach for globals. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
  readSecret(prompt: string): Promise<string>
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Exit codes: 0 done, 1 a failure the message explains, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
