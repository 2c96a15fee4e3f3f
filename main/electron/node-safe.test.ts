import { existsSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// In plain Node, importing `electron` starts a download of the binary (docs/platform-notes.md). The
// decisions of the Electron layer are tested here in Node, so no module these tests reach may
// import it, directly or through another module: this walks the imports to prove it.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|require\(\s*'([^']+)'\s*\)/g

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8')
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean)
}

// A relative specifier as the bundler resolves it: `x.ts`, `x.tsx`, `x/index.ts`, or a file such as `x.json`.
function resolveSource(base: string): string {
  const found = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find(
    (f) => existsSync(f) && statSync(f).isFile(),
  )
  if (!found) throw new Error(`Cannot resolve ${base}`)
  return found
}

async function electronImporters(entry: string): Promise<string[]> {
  const seen = new Set<string>()
  const offenders: string[] = []
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const spec of await importsOf(file)) {
      if (spec === 'electron' || spec.startsWith('electron/'))
        offenders.push(path.relative(process.cwd(), file))
      else if (spec.startsWith('.'))
        queue.push(resolveSource(path.resolve(path.dirname(file), spec)))
    }
  }
  return offenders
}

describe('the Electron layer tests run in plain Node', () => {
  it('finds an electron import when there is one', async () => {
    expect(await electronImporters(path.join(__dirname, 'tray.ts'))).toEqual([
      'main/electron/tray.ts',
    ])
  })

  it('reaches no module that imports electron from any test here', async () => {
    const tests = (await readdir(__dirname)).filter((f) => f.endsWith('.test.ts'))
    expect(tests.length).toBeGreaterThan(5)
    for (const test of tests)
      expect(await electronImporters(path.join(__dirname, test)), test).toEqual([])
  })
})
