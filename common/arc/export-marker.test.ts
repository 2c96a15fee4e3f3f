import { describe, expect, it } from 'vitest'
import { isRunnerDockFile, MARKDOWN_MARKER_LINE, YAML_MARKER_LINE } from './export-marker'

describe('isRunnerDockFile', () => {
  it('recognizes files an export wrote, in YAML and Markdown', () => {
    expect(isRunnerDockFile(`${YAML_MARKER_LINE}\ngithubConfigUrl: x\n`)).toBe(true)
    expect(isRunnerDockFile(`${MARKDOWN_MARKER_LINE}\r\n# Guide\n`)).toBe(true)
  })

  it('leaves everything else alone, including a file whose marker was removed or moved', () => {
    expect(isRunnerDockFile('githubConfigUrl: x\n')).toBe(false)
    expect(isRunnerDockFile('')).toBe(false)
    expect(isRunnerDockFile(`# my notes\n${YAML_MARKER_LINE}\n`)).toBe(false)
  })
})
