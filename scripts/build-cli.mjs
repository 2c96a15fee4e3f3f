// Bundles the CLI (and the headless host it can start) into one CommonJS file for plain Node.
// Native and optional modules stay external: keytar is an N-API addon, dockerode pulls optional
// ssh2/cpu-features natives.
import { build } from 'esbuild'
import { chmod, mkdir, writeFile } from 'node:fs/promises'

const external = ['keytar', 'dockerode', 'ssh2', 'cpu-features', 'electron']
await mkdir('out/cli', { recursive: true })
await build({
  entryPoints: ['main/bin/runnerdock.ts'],
  outfile: 'out/cli/runnerdock.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
  define: { 'process.env.RUNNERDOCK_BUNDLED': '"1"' },
})
await writeFile('out/cli/package.json', '{ "type": "commonjs" }\n')
await chmod('bin/runnerdock.js', 0o755)
console.log('built out/cli/runnerdock.cjs')
