import { readSecret } from './read-secret'
import { runCli } from './main'
import { createCliServices } from './real-services'
import packageJson from '../../package.json'

// Entry point of the `runnerdock` binary: real stdin/stdout, real adapters, real exit code.
const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  readSecret: (prompt: string) => readSecret(prompt),
  env: process.env,
}

runCli(process.argv.slice(2), io, () => createCliServices(process.env), packageJson.version).then(
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
