// A headless host in its own process, so a crash is seen as what it is: the process exiting.
// Serves a fake engine (see fake-engine.ts) through the real startHeadlessServer and the real
// dispatch, on 127.0.0.1 and a free port; prints one JSON line { port, token, pid } when ready.
// Usage: node --import tsx e2e/chaos/fuzz-host.ts RENDERER_DIR (host-process.ts makes the folder
// and removes it when this process exits, however it exits).
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startHeadlessServer } from '../../main/headless/headless-server'
import { createFakeEngine } from './fake-engine'

async function main(): Promise<void> {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: fuzz-host.ts RENDERER_DIR')
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>RunnerDock</title>')
  const fake = createFakeEngine()
  const token = 'fuzz-access-token-0123456789abcdef'
  const server = await startHeadlessServer({
    engine: fake.engine,
    rendererDir: dir,
    host: '127.0.0.1',
    port: 0,
    token,
  })
  // Events flow while the storm runs, as they would from a live pool.
  setInterval(
    () => fake.emit('notice', { time: Date.now(), level: 'info', runner: null, message: 'tick' }),
    200,
  ).unref()
  process.stdout.write(`${JSON.stringify({ port: server.port, token, pid: process.pid })}\n`)
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)))
}

void main()
