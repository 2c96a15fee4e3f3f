import { describe, expect, it } from 'vitest'
import { ARC_CHART_VERSION } from './arc-chart'
import { planArcExport } from './arc-export'
import { chartKeyPaths, keyPathsOf, type ValueKind } from './chart-key-paths'
import { EXPORT_CASES } from './testdata/export-cases'
import chartValues from './testdata/gha-runner-scale-set-0.12.1.values.yaml?raw'

// The chart's values.yaml calls `template` "the PodSpec for each runner Pod", and its templates copy
// every key of the `runner` container except env, volumeMounts and name into the pod as they are.
// So a Kubernetes Container field under that container is the chart's as much as `image` is. These
// are the only such fields RunnerDock writes (Container.resources is a ResourceRequirements whose
// `limits` maps resource names to quantities, written as strings).
const CONTAINER_PASSTHROUGH = new Map<string, ValueKind>([
  ['template.spec.containers[].resources', 'map'],
  ['template.spec.containers[].resources.limits', 'map'],
  ['template.spec.containers[].resources.limits.cpu', 'string'],
  ['template.spec.containers[].resources.limits.memory', 'string'],
])

const chart = chartKeyPaths(chartValues)

describe(`the exporter against gha-runner-scale-set ${ARC_CHART_VERSION}`, () => {
  it('reads the test data of the pinned version', () => {
    expect(chartValues).toContain(`#### Chart version: ${ARC_CHART_VERSION} `)
  })

  it('finds the keys the chart documents only in comments', () => {
    const kinds = (path: string) => [...(chart.paths.get(path) ?? [])].sort()
    expect(kinds('minRunners')).toEqual(['number'])
    expect(kinds('maxRunners')).toEqual(['number'])
    expect(kinds('runnerGroup')).toEqual(['string'])
    expect(kinds('runnerScaleSetName')).toEqual(['string'])
    expect(kinds('containerMode.type')).toEqual(['string'])
    // A map of credentials by default; "Variation C", a pre-created secret's name, in comments.
    expect(kinds('githubConfigSecret')).toEqual(['map', 'string'])
    // The only commented block that is not YAML once uncommented: its inner comments are indented.
    expect(chart.unreadable).toEqual(['keyVault'])
  })

  it('documents "dind" as a container mode and the runner container as a PodSpec passthrough', () => {
    expect(chartValues).toContain('#   type: "dind"  ## type can be set to dind or kubernetes')
    expect(chartValues).toContain('## template is the PodSpec for each runner Pod')
    expect(chart.paths.get('template.spec.containers[]')).toEqual(new Set(['map']))
  })

  for (const [name, description] of Object.entries(EXPORT_CASES))
    it(`writes only key paths the chart has, of the kind it expects ("${name}")`, () => {
      const result = planArcExport(description)
      expect(result.ok).toBe(true)
      if (!result.ok) return
      for (const scaleSet of result.value.scaleSets)
        for (const [path, kinds] of keyPathsOf(scaleSet.values))
          for (const kind of kinds) {
            const allowed = chart.paths.get(path) ?? new Set([CONTAINER_PASSTHROUGH.get(path)])
            expect(allowed, `${path} (${kind})`).toContain(kind)
          }
    })
})
