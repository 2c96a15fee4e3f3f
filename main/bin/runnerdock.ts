// Entry point of the `runnerdock` binary: real stdin/stdout, the real services, the real exit code.
// It wires the front ends together (the CLI runs `serve` through the headless host), so that
// neither front end imports the other.
import packageJson from '../../package.json'
import { runCli } from '../cli/main'
import { readSecret } from '../cli/read-secret'
import { serve } from '../headless/serve-command'
import { installCrashGuard } from '../services/crash-guard'
import { createRealServices } from '../services/real-services'

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  readSecret: (prompt: string) => readSecret(prompt),
  env: process.env,
}

// A bug anywhere removes this process's runners before it exits (code 70), never orphans them.
const crashGuard = installCrashGuard(process, {
  log: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
})

runCli(
  process.argv.slice(2),
  io,
  async () => createRealServices(process.env, crashGuard),
  packageJson.version,
  (consoleIo, services, command) => serve(consoleIo, services, command),
).then(
  (code) => {
    process.exitCode = code
    // Let stdout drain, then leave even if a library holds a socket open.
    setTimeout(() => process.exit(code), 50).unref()
  },
  (error: unknown) => {
    process.stderr.write(
      `runnerdock: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
    process.exit(1)
  },
)
