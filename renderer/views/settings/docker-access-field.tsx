import { CheckField } from './settings-fields'

/**
 * The Docker access switch. Its risk is a warning box while it is on (and a plain line while it
 * is off), never small print: jobs with the socket control this machine.
 */
export function DockerAccessField({
  checked,
  onChange,
}: {
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <CheckField
      label="Give jobs access to Docker on this machine"
      checked={checked}
      onChange={onChange}
      name="dockerAccess"
      testId="settings-docker-access"
    >
      {checked ? (
        <div className="warning-box" role="note" data-testid="docker-access-warning">
          <strong>Jobs can control Docker on this machine.</strong> The Docker socket is mounted
          into every runner: any job can start privileged containers, read your files and stop other
          containers, with root-equivalent power. Keep this on only if you trust every workflow that
          can run here.
        </div>
      ) : (
        <p className="hint" data-testid="docker-access-warning">
          Off: jobs cannot reach Docker on this machine. Turning it on gives every job
          root-equivalent access here.
        </p>
      )}
    </CheckField>
  )
}
