import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { FieldNote, SettingsPatch } from '../../../common/contract'
import {
  FIELD_LABELS,
  firstInvalidField,
  formFromSettings,
  invalidFieldsMessage,
  patchFromForm,
  savedMessage,
  targetsFromText,
  targetsText,
  type FieldErrors,
  type FormField,
  type SettingsFormValues,
} from '../../state/settings-form'
import { runsOnLine } from '../../state/runs-on'
import { useActions, useEngine } from '../../state/store-context'
import { DockerAccessField } from './docker-access-field'
import { CheckField, TextField } from './settings-fields'

type Notes = Partial<Record<FormField, FieldNote>>

/** Moves focus to a field of the form by its setting name, and brings it into view. */
export function focusField(form: HTMLFormElement | null, field: string): void {
  const input = form?.querySelector<HTMLInputElement>(`[name="${field}"]`)
  if (!input) return
  input.scrollIntoView?.({ block: 'center' })
  input.focus()
}

/**
 * How runners are made: labels, group, image, limits, network, Docker access, public repositories,
 * and app behaviour. Field problems are found before anything is sent; the engine then checks the
 * image and the network with Docker and answers per field. A failed save focuses the first field
 * to fix and says which it is.
 */
export function RunnerSettingsForm({
  targetDraft,
  focus,
}: {
  targetDraft: string
  /** A setting to open at (a fix link): its field is focused once. */
  focus: FormField | null
}) {
  const settings = useEngine((s) => s.settings)
  const host = useEngine((s) => s.host)
  const running = useEngine((s) => s.snapshot.running)
  const labels = useEngine((s) => s.snapshot.labels)
  const { updateSettings } = useActions()
  const [form, setForm] = useState<SettingsFormValues>(() => formFromSettings(settings))
  const [dirty, setDirty] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notes, setNotes] = useState<Notes>({})
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const ref = useRef<HTMLFormElement>(null)

  // Settings changed elsewhere (another window, the CLI): show them unless the user is editing.
  useEffect(() => {
    if (!dirty) setForm(formFromSettings(settings))
  }, [settings, dirty])

  useEffect(() => {
    if (focus) focusField(ref.current, focus)
  }, [focus])

  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setDirty(true)
    setMessage(null)
    setNotes((n) => ({ ...n, [key]: undefined }))
  }

  const refuse = (fieldErrors: FieldErrors, text: string) => {
    setErrors(fieldErrors)
    setMessage({ ok: false, text })
    const first = firstInvalidField(fieldErrors)
    // After React drew the errors, so the field's description includes them when it is read.
    if (first) requestAnimationFrame(() => focusField(ref.current, first))
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const result = patchFromForm(form, settings)
    const target = targetsFromText(targetDraft)
    if (!result.ok) return refuse(result.errors, invalidFieldsMessage(result.errors))
    if (!target.ok) return refuse({}, `Not saved: fix the targets. ${target.message}`)
    setErrors({})
    const patch: SettingsPatch = { ...result.patch }
    if (target.targets.length > 0 && targetsText(target.targets) !== targetsText(settings.targets))
      patch.targets = target.targets
    if (Object.keys(patch).length === 0)
      return setMessage({ ok: true, text: 'Nothing to save: no setting changed.' })
    setSaving(true)
    const saved = await updateSettings(patch)
    setSaving(false)
    if (!saved.ok) {
      const field = saved.field as FormField | undefined
      if (field && field in FIELD_LABELS)
        return refuse(
          { [field]: saved.message },
          `Not saved: fix ${FIELD_LABELS[field]}. ${saved.message}`,
        )
      return refuse({}, saved.message)
    }
    setDirty(false)
    setNotes(Object.fromEntries((saved.notes ?? []).map((n) => [n.field, n])) as Notes)
    setMessage({ ok: true, text: savedMessage(patch, running) })
  }

  const runsOn = runsOnLine(labels, settings.installationId)
  return (
    <form
      ref={ref}
      className="card stack"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby="runner-settings-title"
    >
      <h2 id="runner-settings-title">Runners</h2>
      <TextField
        label="Labels (comma separated)"
        value={form.labels}
        onChange={(v) => set('labels', v)}
        error={errors.labels}
        placeholder="gpu, linux-large"
        name="labels"
        hint={
          runsOn ? (
            <>
              Added to the default labels. Workflows pick these runners with{' '}
              <code data-testid="settings-runs-on">{runsOn}</code>.
            </>
          ) : (
            'Added to the default self-hosted labels; workflows pick runners with runs-on.'
          )
        }
        testId="settings-labels"
      />
      <TextField
        label="Runner group (organizations)"
        value={form.runnerGroup}
        onChange={(v) => set('runnerGroup', v)}
        error={errors.runnerGroup}
        hint="Empty uses the default group."
        name="runnerGroup"
        testId="settings-runner-group"
      />
      <TextField
        label="Runner image"
        value={form.image}
        onChange={(v) => set('image', v)}
        error={errors.image}
        note={notes.image}
        name="image"
        testId="settings-image"
      />
      <div className="field-row">
        <TextField
          label="CPU limit per runner"
          value={form.cpus}
          onChange={(v) => set('cpus', v)}
          error={errors.cpus}
          inputMode="decimal"
          hint="Empty: all cores but one."
          name="cpus"
          testId="settings-cpus"
        />
        <TextField
          label="Memory limit per runner (MB)"
          value={form.memoryMb}
          onChange={(v) => set('memoryMb', v)}
          error={errors.memoryMb}
          inputMode="numeric"
          hint="Empty: half of this machine's memory."
          name="memoryMb"
          testId="settings-memory"
        />
      </div>
      <CheckField
        label="Bound every runner (CPU, memory without extra swap, at most 4,096 processes)"
        checked={form.resourceLimits}
        onChange={(v) => set('resourceLimits', v)}
        name="resourceLimits"
        testId="settings-resource-limits"
      />
      <TextField
        label="Docker network"
        value={form.networkMode}
        onChange={(v) => set('networkMode', v)}
        error={errors.networkMode}
        note={notes.networkMode}
        hint="Empty: RunnerDock's own network, where runners cannot reach each other."
        name="networkMode"
        testId="settings-network"
      />
      <DockerAccessField checked={form.dockerAccess} onChange={(v) => set('dockerAccess', v)} />
      <CheckField
        label="Keep a tool cache and an action cache per target"
        checked={form.caches}
        onChange={(v) => set('caches', v)}
        name="caches"
        testId="settings-caches"
      >
        <p className="hint">
          What setup-* actions install survives the ephemeral runners, one cache per repository or
          organization, so a job can only ever affect its own target&apos;s cache. Sizes and Clear
          are on the dashboard.
        </p>
      </CheckField>
      <TextField
        label="Cache size cap, all targets together (GB)"
        value={form.cacheLimitGb}
        onChange={(v) => set('cacheLimitGb', v)}
        error={errors.cacheLimitGb}
        inputMode="numeric"
        hint="Over it, the cache started longest ago starts afresh; a running job keeps its own until it ends."
        name="cacheLimitGb"
        testId="settings-cache-limit"
      />
      <TextField
        label="Public repositories allowed (comma separated)"
        value={form.allowPublic}
        onChange={(v) => set('allowPublic', v)}
        error={errors.allowPublic}
        hint="A pull request from a fork of a public repository can run any code on this machine. RunnerDock registers no runners for a public repository, or an organization whose runner group admits them, unless it is listed here."
        name="allowPublic"
        testId="settings-allow-public"
      />
      <h3>App</h3>
      {host === 'electron' && (
        <CheckField
          label="Start RunnerDock when I log in"
          checked={form.startAtLogin}
          onChange={(v) => set('startAtLogin', v)}
          name="startAtLogin"
          testId="settings-start-at-login"
        />
      )}
      <CheckField
        label="Start the pool when RunnerDock starts"
        checked={form.runOnLaunch}
        onChange={(v) => set('runOnLaunch', v)}
        name="runOnLaunch"
        testId="settings-run-on-launch"
      />
      <CheckField
        label="Notify me of job results"
        checked={form.notifyJobResults}
        onChange={(v) => set('notifyJobResults', v)}
        name="notifyJobResults"
        testId="settings-notify"
      />
      <CheckField
        label="Notify me when a job fails (a click opens its run)"
        checked={form.notifyFailedJobs}
        onChange={(v) => set('notifyFailedJobs', v)}
        name="notifyFailedJobs"
        testId="settings-notify-failed"
      />
      <h3>History and metrics</h3>
      <div className="field-row">
        <TextField
          label="Keep jobs for (days)"
          value={form.historyDays}
          onChange={(v) => set('historyDays', v)}
          error={errors.historyDays}
          inputMode="numeric"
          name="historyDays"
          testId="settings-history-days"
        />
        <TextField
          label="Keep at most (jobs)"
          value={form.historyMaxJobs}
          onChange={(v) => set('historyMaxJobs', v)}
          error={errors.historyMaxJobs}
          inputMode="numeric"
          name="historyMaxJobs"
          testId="settings-history-max"
        />
      </div>
      {host === 'electron' && (
        <>
          <CheckField
            label="Serve Prometheus metrics on 127.0.0.1 (bearer token in the config folder)"
            checked={form.metricsEnabled}
            onChange={(v) => set('metricsEnabled', v)}
            name="metricsEnabled"
            testId="settings-metrics"
          />
          <TextField
            label="Metrics port"
            value={form.metricsPort}
            onChange={(v) => set('metricsPort', v)}
            error={errors.metricsPort}
            inputMode="numeric"
            name="metricsPort"
            testId="settings-metrics-port"
          />
        </>
      )}
      <details open={form.oauthClientId !== '' || errors.oauthClientId !== undefined}>
        <summary>Advanced</summary>
        <TextField
          label="OAuth app client id"
          value={form.oauthClientId}
          onChange={(v) => set('oauthClientId', v)}
          error={errors.oauthClientId}
          hint='Enables "Sign in with GitHub". Empty hides it.'
          name="oauthClientId"
          testId="settings-oauth-client-id"
        />
      </details>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="settings-save" disabled={saving}>
          {saving ? 'Checking and saving…' : 'Save settings'}
        </button>
        {message?.ok && (
          <span role="status" data-testid="settings-saved">
            {message.text}
          </span>
        )}
      </div>
      {message && !message.ok && (
        <p className="error" role="alert" data-testid="settings-error">
          {message.text}
        </p>
      )}
    </form>
  )
}
