import { describe, expect, it } from 'vitest'
import { settingsPatchSchema } from '../../common/contract'
import { defaultSettings } from '../../common/settings'
import {
  firstInvalidField,
  formFromSettings,
  invalidFieldsMessage,
  parseLabels,
  patchFromForm,
  savedMessage,
  targetsFromText,
} from './settings-form'

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

  it('switches the caches and sets their cap in whole GB; turning caches off restarts the pool', () => {
    const form = { ...formFromSettings(settings), caches: false, cacheLimitGb: '50' }
    const result = patchFromForm(form, settings)
    expect(result).toEqual({ ok: true, patch: { caches: false, cacheLimitGb: 50 } })
    if (result.ok) expect(savedMessage(result.patch, true)).toMatch(/Restarting/)
    expect(savedMessage({ cacheLimitGb: 50 }, true)).toBe('Saved.')
    for (const cap of ['', '0', '2.5', 'lots']) {
      const refused = patchFromForm({ ...formFromSettings(settings), cacheLimitGb: cap }, settings)
      expect(refused.ok ? {} : refused.errors).toEqual({
        cacheLimitGb: 'Enter whole gigabytes, from 1 to 10000.',
      })
    }
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
      memoryMb: '12',
      cpus: 'two',
      labels: 'a b',
      image: ' ',
    }
    const result = patchFromForm(form, settings)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['cpus', 'image', 'labels', 'memoryMb'])
    expect(result.errors.memoryMb).toBe(
      'Enter whole megabytes, at least 64, or leave it empty for the default.',
    )
  })

  it('reads history retention, the metrics port and the switches', () => {
    const form = {
      ...formFromSettings(settings),
      historyDays: '7',
      historyMaxJobs: '500',
      metricsPort: '9500',
      metricsEnabled: true,
      notifyFailedJobs: false,
      resourceLimits: false,
    }
    expect(patchFromForm(form, settings)).toEqual({
      ok: true,
      patch: {
        historyDays: 7,
        historyMaxJobs: 500,
        metricsPort: 9500,
        metricsEnabled: true,
        notifyFailedJobs: false,
        resourceLimits: false,
      },
    })
    const bad = patchFromForm(
      { ...formFromSettings(settings), historyDays: '', historyMaxJobs: '5', metricsPort: '80' },
      settings,
    )
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual([
      'historyDays',
      'historyMaxJobs',
      'metricsPort',
    ])
  })

  it('refuses an image name Docker could never pull, before anything is sent', () => {
    const form = { ...formFromSettings(settings), image: 'ghcr.io/Actions/runner:latest' }
    const result = patchFromForm(form, settings)
    expect(!result.ok && result.errors.image).toMatch(/capital letters/)
  })

  it('says where the problems are and which field to focus', () => {
    const errors = { memoryMb: 'Enter whole megabytes.', image: 'Enter an image name.' }
    expect(firstInvalidField(errors)).toBe('image')
    expect(invalidFieldsMessage(errors)).toBe('Not saved: fix Runner image and Memory limit.')
    expect(invalidFieldsMessage({ networkMode: 'No such network.' })).toBe(
      'Not saved: fix Docker network. No such network.',
    )
    expect(firstInvalidField({})).toBeNull()
  })

  it('says a running pool restarts for settings that shape its runners', () => {
    expect(savedMessage({ image: 'busybox' }, true)).toBe(
      'Saved. Restarting with the new settings once running jobs finish.',
    )
    expect(savedMessage({ image: 'busybox' }, false)).toBe('Saved.')
    expect(savedMessage({ notifyJobResults: true }, true)).toBe('Saved.')
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
