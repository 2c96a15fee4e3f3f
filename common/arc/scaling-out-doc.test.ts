import { describe, expect, it } from 'vitest'
import doc from '../../docs/scaling-out.md?raw'
import { ARC_CHART_VERSION } from './arc-chart'
import { planArcExport } from './arc-export'
import { EXPORT_CASES } from './testdata/export-cases'

describe('docs/scaling-out.md', () => {
  const result = planArcExport(EXPORT_CASES['docker-access']!)
  if (!result.ok) throw new Error(result.error.join('\n'))

  it('shows a values file exactly as the exporter writes it', () => {
    expect(doc).toContain('```yaml\n' + result.value.scaleSets[0]!.text + '```')
  })

  it("quotes the guide's workflow and side-by-side sections exactly", () => {
    const guide = result.value.guide.text
    const excerpt = guide.slice(
      guide.indexOf('## 4. Point workflows'),
      guide.indexOf('## What is different on ARC'),
    )
    expect(excerpt.length).toBeGreaterThan(500)
    expect(doc).toContain('```markdown\n' + excerpt.trimEnd() + '\n```')
  })

  it('names the pinned chart version', () => {
    expect(doc).toContain(`now ${ARC_CHART_VERSION})`)
  })
})
