import { describe, expect, it } from 'vitest'
import { settingsPatchSchema } from '../../common/contract'
import { defaultSettings } from '../../common/settings'
import { formFromSettings, parseLabels, patchFromForm, targetsFromText } from './settings-form'

const settings = {
  ...defaultSettings(),
  labels: ['gpu'],
  targets: [{ kind: 'org' as const, org: 'octo' }],
}

describe('settings form', () => {
  it('sends only what changed', () => {
    const form = { ...formFromSettings(settings), cpus: '1.5', labels: 'gpu, linux,, ' }
    expect(patchFromForm(form, settings)).toEqual({
      ok: true,
      patch: { cpus: 1.5, labels: ['gpu', 'linux'] },
    })
    expect(patchFromForm(formFromSettings(settings), settings)).toEqual({ ok: true, patch: {} })
  })

  it('turns empty optional fields into "no limit" / default', () => {
    const withLimits = { ...settings, cpus: 2, memoryMb: 512, runnerGroup: 'ci' }
    const form = { ...formFromSettings(withLimits), cpus: ' ', memoryMb: '', runnerGroup: '' }
    expect(patchFromForm(form, withLimits)).toEqual({
      ok: true,
      patch: { cpus: null, memoryMb: null, runnerGroup: null },
    })
  })

  it('explains each invalid field in words', () => {
    const form = {
      ...formFromSettings(settings),
      maxRunners: '0',
      memoryMb: '12',
      cpus: 'two',
      labels: 'a b',
      image: ' ',
    }
    const result = patchFromForm(form, settings)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual([
      'cpus',
      'image',
      'labels',
      'maxRunners',
      'memoryMb',
    ])
    expect(result.errors.maxRunners).toBe(
      'Enter a whole number from 1 to 64, or leave it empty for this machine’s default.',
    )
  })

  it('splits labels', () => {
    expect(parseLabels(' a ,b,,c ')).toEqual(['a', 'b', 'c'])
  })

  it('reads targets', () => {
    expect(targetsFromText('octo/app')).toEqual({
      ok: true,
      targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }],
    })
    expect(targetsFromText('octo/app, acme\nocto/APP')).toEqual({
      ok: true,
      targets: [
        { kind: 'repo', owner: 'octo', repo: 'app' },
        { kind: 'org', org: 'acme' },
      ],
    })
    expect(targetsFromText('')).toEqual({ ok: true, targets: [] })
    expect(targetsFromText('a/b/c').ok).toBe(false)
  })

  it('sends only what changed: the contract keeps a patch partial', () => {
    expect(settingsPatchSchema.parse({ maxRunners: 12 })).toEqual({ maxRunners: 12 })
  })
})
