import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { planArcExport } from './arc-export'
import { EXPORT_CASES } from './testdata/export-cases'

const exported = (name: string) => {
  const result = planArcExport(EXPORT_CASES[name]!)
  if (!result.ok) throw new Error(result.error.join('\n'))
  return result.value
}

describe('planArcExport golden files', () => {
  for (const name of Object.keys(EXPORT_CASES))
    it(`writes the files of "${name}" as testdata/golden/${name}/ fixes them`, async () => {
      const files = exported(name).files
      await expect(files.map((f) => f.fileName).join('\n') + '\n').toMatchFileSnapshot(
        `testdata/golden/${name}/FILES`,
      )
      for (const file of files)
        await expect(file.text).toMatchFileSnapshot(`testdata/golden/${name}/${file.fileName}`)
    })
})

describe('planArcExport', () => {
  it('writes YAML that parses back to exactly the planned values', () => {
    for (const name of Object.keys(EXPORT_CASES))
      for (const scaleSet of exported(name).scaleSets)
        expect(parse(scaleSet.text)).toEqual(scaleSet.values)
  })

  it('names a secret, never a token, and gives the guide a placeholder', () => {
    const result = exported('repository')
    const values = result.scaleSets[0]!.values
    expect(values.githubConfigSecret).toBe('runnerdock-github')
    expect(result.guide.text).toContain(
      "kubectl create secret generic runnerdock-github \\\n  --namespace arc-runners \\\n  --from-literal=github_token='<YOUR TOKEN>'",
    )
    for (const file of result.files) expect(file.text).not.toMatch(/gh[pousr]_|github_pat_/)
  })

  it('maps the pool onto each scale set', () => {
    const [repo, org] = exported('docker-access').scaleSets
    expect(repo).toMatchObject({
      name: 'octo-app',
      fileName: 'octo-app.values.yaml',
      values: {
        githubConfigUrl: 'https://github.com/octo/app',
        runnerScaleSetName: 'octo-app',
        minRunners: 1,
        maxRunners: 6,
        containerMode: { type: 'dind' },
      },
    })
    expect(org!.values.githubConfigUrl).toBe('https://github.com/octo-org')
    const ghes = exported('enterprise-server').scaleSets[0]!
    expect(ghes.values.githubConfigUrl).toBe('https://ghe.example.com/platform/build.tools')
    expect(ghes.values.runnerGroup).toBeUndefined()
    expect(ghes.groupNotCarried).toBe('build')
    expect(exported('organization-group').scaleSets[0]!.values.runnerGroup).toBe('ci')
    expect(exported('repository').scaleSets[0]!.values).toMatchObject({
      minRunners: 2,
      maxRunners: 2,
      template: {
        spec: {
          containers: [
            {
              name: 'runner',
              image: 'ghcr.io/actions/actions-runner:latest',
              command: ['/home/runner/run.sh'],
              resources: { limits: { cpu: '2', memory: '4096Mi' } },
            },
          ],
        },
      },
    })
  })

  it('uses the names and secret the user chose', () => {
    const result = planArcExport(EXPORT_CASES['docker-access']!, {
      secretName: 'gh-token',
      runnersNamespace: 'ci-runners',
      scaleSetNames: { 'octo-org': 'org-wide' },
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.scaleSets.map((s) => s.name)).toEqual(['octo-app', 'org-wide'])
    expect(result.value.scaleSets[1]!.values.githubConfigSecret).toBe('gh-token')
    expect(result.value.guide.text).toContain('helm install org-wide \\\n  --namespace ci-runners')
  })

  it('reports every problem at once', () => {
    const result = planArcExport(
      {
        ...EXPORT_CASES['docker-access']!,
        apiUrl: 'https://api.github.com',
        mode: { kind: 'on-demand', minIdle: 9, max: 2 },
        cpus: 0,
      },
      { secretName: 'Bad_Name', scaleSetNames: { 'octo/app': 'octo-org', 'nobody/here': 'x' } },
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toEqual([
      expect.stringMatching(/"Bad_Name" is not a Kubernetes secret name/),
      expect.stringMatching(/cannot exceed the maximum/),
      expect.stringMatching(/CPU limit/),
      expect.stringMatching(/"nobody\/here", which is not a target/),
      expect.stringMatching(/octo\/app and octo-org would both be the scale set "octo-org"/),
    ])
  })

  it('says once what is wrong with an API URL, however many targets', () => {
    const result = planArcExport({ ...EXPORT_CASES['docker-access']!, apiUrl: 'nope' })
    expect(result).toEqual({ ok: false, error: [expect.stringMatching(/^"nope" is not a URL/)] })
  })

  it('refuses a pool with no target or an invalid name', () => {
    const empty = planArcExport({ ...EXPORT_CASES.repository!, targets: [] })
    expect(empty).toEqual({ ok: false, error: ['The pool has no target to export.'] })
    const bad = planArcExport(EXPORT_CASES.repository!, { scaleSetNames: { 'octo/app': 'No' } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error[0]).toMatch(/^octo\/app: "No" is not a valid scale set name/)
  })
})
