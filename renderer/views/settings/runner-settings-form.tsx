import { useEffect, useState, type FormEvent } from 'react'
import type { SettingsPatch } from '../../../common/contract'
import {
  formFromSettings,
  patchFromForm,
  targetsFromText,
  targetsText,
  type FieldErrors,
  type SettingsFormValues,
} from '../../state/settings-form'
import { useActions, useEngine } from '../../state/store-context'
import { CheckField, TextField } from './settings-fields'

/**
 * How runners are made: labels, group, image, limits, network, Docker access, and app behaviour.
 * Field problems are found with the contract's schema before anything is sent; the engine's own
 * refusal (ActionResult) is shown as it says it.
 */
export function RunnerSettingsForm({ targetDraft }: { targetDraft: string }) {
  const settings = useEngine((s) => s.settings)
  const host = useEngine((s) => s.host)
  const maxDefault = useEngine((s) => s.snapshot.maxRunners)
  const { updateSettings } = useActions()
  const [form, setForm] = useState<SettingsFormValues>(() => formFromSettings(settings))
  const [dirty, setDirty] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)

  // Settings changed elsewhere (another window, the CLI): show them unless the user is editing.
  useEffect(() => {
    if (!dirty) setForm(formFromSettings(settings))
  }, [settings, dirty])

  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setDirty(true)
    setMessage(null)
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const result = patchFromForm(form, settings)
    const target = targetsFromText(targetDraft)
    if (!result.ok || !target.ok) {
      setErrors(result.ok ? {} : result.errors)
      const problems = [
        !result.ok ? 'Fix the fields marked below.' : null,
        !target.ok ? target.message : null,
      ]
      return setMessage({ ok: false, text: problems.filter(Boolean).join(' ') })
    }
    setErrors({})
    const patch: SettingsPatch = { ...result.patch }
    if (target.targets.length > 0 && targetsText(target.targets) !== targetsText(settings.targets))
      patch.targets = target.targets
    if (Object.keys(patch).length === 0)
      return setMessage({ ok: true, text: 'Nothing to save: no setting changed.' })
    setSaving(true)
    const saved = await updateSettings(patch)
    setSaving(false)
    if (!saved.ok) return setMessage({ ok: false, text: saved.message })
    setDirty(false)
    setMessage({ ok: true, text: 'Saved.' })
  }

  return (
    <form
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
        hint="Added to the default self-hosted labels; workflows pick runners with runs-on."
        testId="settings-labels"
      />
      <TextField
        label="Runner group (organizations)"
        value={form.runnerGroup}
        onChange={(v) => set('runnerGroup', v)}
        error={errors.runnerGroup}
        hint="Empty uses the default group."
        testId="settings-runner-group"
      />
      <TextField
        label="Runner image"
        value={form.image}
        onChange={(v) => set('image', v)}
        error={errors.image}
        testId="settings-image"
      />
      <div className="field-row">
        <TextField
          label="CPU limit per runner"
          value={form.cpus}
          onChange={(v) => set('cpus', v)}
          error={errors.cpus}
          inputMode="decimal"
          hint="Empty for no limit."
          testId="settings-cpus"
        />
        <TextField
          label="Memory limit per runner (MB)"
          value={form.memoryMb}
          onChange={(v) => set('memoryMb', v)}
          error={errors.memoryMb}
          inputMode="numeric"
          hint="Empty for no limit."
          testId="settings-memory"
        />
        <TextField
          label="Maximum runners"
          value={form.maxRunners}
          onChange={(v) => set('maxRunners', v)}
          error={errors.maxRunners}
          inputMode="numeric"
          hint={`All targets together (1 to 64). Empty: this machine's default (${maxDefault}).`}
          testId="settings-max-runners"
        />
      </div>
      <fieldset className="stack">
        <legend>How many runners</legend>
        <div className="inline-fields" role="radiogroup" aria-label="Pool mode">
          <label>
            <input
              type="radio"
              name="pool-mode"
              checked={form.mode === 'fixed'}
              onChange={() => set('mode', 'fixed')}
              data-testid="settings-mode-fixed"
            />{' '}
            Fixed: the slider's number per target
          </label>
          <label>
            <input
              type="radio"
              name="pool-mode"
              checked={form.mode === 'on-demand'}
              onChange={() => set('mode', 'on-demand')}
              data-testid="settings-mode-on-demand"
            />{' '}
            On demand: runners for the jobs that wait
          </label>
        </div>
        {form.mode === 'on-demand' && (
          <div className="field-row">
            <TextField
              label="Idle runners kept warm per target"
              value={form.minIdle}
              onChange={(v) => set('minIdle', v)}
              error={errors.minIdle}
              inputMode="numeric"
              hint="0 shrinks to nothing when no job waits."
              testId="settings-min-idle"
            />
            <TextField
              label="Remove idle runners after (minutes)"
              value={form.idleTimeoutMinutes}
              onChange={(v) => set('idleTimeoutMinutes', v)}
              error={errors.idleTimeoutMinutes}
              inputMode="numeric"
              testId="settings-idle-timeout"
            />
          </div>
        )}
        <CheckField
          label="Also serve every repository whose workflows ask for self-hosted runners"
          checked={form.discoverRepositories}
          onChange={(v) => set('discoverRepositories', v)}
          testId="settings-discover"
        />
        <TextField
          label="Public repositories allowed (comma separated)"
          value={form.allowPublic}
          onChange={(v) => set('allowPublic', v)}
          error={errors.allowPublic}
          hint="A pull request from a fork of a public repository can run any code on this machine. RunnerDock refuses public targets unless listed here."
          testId="settings-allow-public"
        />
      </fieldset>
      <TextField
        label="Docker network"
        value={form.networkMode}
        onChange={(v) => set('networkMode', v)}
        error={errors.networkMode}
        hint="Empty uses Docker's default bridge network."
        testId="settings-network"
      />
      <CheckField
        label="Give jobs access to Docker on this machine"
        checked={form.dockerAccess}
        onChange={(v) => set('dockerAccess', v)}
        testId="settings-docker-access"
      >
        <p
          className={form.dockerAccess ? 'warning warning-on' : 'warning'}
          data-testid="docker-access-warning"
        >
          Warning: this mounts the Docker socket into every runner. Any job can then control Docker
          on this machine with root-equivalent power: start privileged containers, read your files,
          stop other containers. Turn it on only if you trust every workflow that can run here.
        </p>
      </CheckField>
      <h3>App</h3>
      {host === 'electron' && (
        <CheckField
          label="Start RunnerDock when I log in"
          checked={form.startAtLogin}
          onChange={(v) => set('startAtLogin', v)}
          testId="settings-start-at-login"
        />
      )}
      <CheckField
        label="Start the pool when RunnerDock starts"
        checked={form.runOnLaunch}
        onChange={(v) => set('runOnLaunch', v)}
        testId="settings-run-on-launch"
      />
      <CheckField
        label="Notify me of job results"
        checked={form.notifyJobResults}
        onChange={(v) => set('notifyJobResults', v)}
        testId="settings-notify"
      />
      <details>
        <summary>Advanced</summary>
        <TextField
          label="GitHub API URL"
          value={form.apiUrl}
          onChange={(v) => set('apiUrl', v)}
          error={errors.apiUrl}
          inputMode="url"
          hint="https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server."
          testId="settings-api-url"
        />
        <TextField
          label="OAuth app client id"
          value={form.oauthClientId}
          onChange={(v) => set('oauthClientId', v)}
          error={errors.oauthClientId}
          hint='Enables "Sign in with GitHub". Empty hides it.'
          testId="settings-oauth-client-id"
        />
      </details>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="settings-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
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
