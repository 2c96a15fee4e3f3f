import { isObject, type JsonObject } from './go-json-keys'

// What a job's container may not ask for in its HostConfig: the ways out of a container onto the
// host (privileges, the host's namespaces, devices, capabilities, lifted confinement, other
// containers' mounts). Pure; used by job-docker-policy.ts.

// Capabilities that act on the host (kernel modules, mounts, raw devices, other processes, time).
const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_BOOT',
  'SYS_TIME',
  'SYS_RESOURCE',
  'SYS_PACCT',
  'DAC_READ_SEARCH',
  'NET_ADMIN',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'BPF',
  'PERFMON',
  'SYSLOG',
  'LINUX_IMMUTABLE',
  'AUDIT_CONTROL',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
])

/** The HostConfig fields the policy reads (matched as Go matches them: go-json-keys.ts). */
export const HOST_FIELDS = [
  'Binds',
  'Mounts',
  'Privileged',
  'PidMode',
  'IpcMode',
  'UTSMode',
  'UsernsMode',
  'NetworkMode',
  'Cgroup',
  'Devices',
  'DeviceRequests',
  'DeviceCgroupRules',
  'CapAdd',
  'SecurityOpt',
  'VolumesFrom',
  'MaskedPaths',
  'ReadonlyPaths',
  'VolumeDriver',
]

/** Why a container's HostConfig leaves the job's bounds, or null. */
export function hostConfigProblem(host: JsonObject): string | null {
  if (host.Privileged === true)
    return 'privileged containers control the host; remove --privileged (or "options: --privileged") from the job.'
  const namespaces: [string, string][] = [
    ['PidMode', '--pid'],
    ['IpcMode', '--ipc'],
    ['UTSMode', '--uts'],
    ['UsernsMode', '--userns'],
    ['NetworkMode', '--network'],
  ]
  for (const [field, flag] of namespaces) {
    const mode = typeof host[field] === 'string' ? (host[field] as string) : ''
    if (mode === 'host' || mode.startsWith('container:') || mode.startsWith('ns:'))
      return `${flag}=${mode} shares the ${mode === 'host' ? "host's" : "another container's"} namespace; remove it from the job (services reach each other by name on the job's network).`
  }
  if (typeof host.Cgroup === 'string' && host.Cgroup !== '')
    return `--cgroup ${host.Cgroup} joins another container's cgroup; remove it from the job.`
  if (nonEmpty(host.Devices) || nonEmpty(host.DeviceRequests) || nonEmpty(host.DeviceCgroupRules))
    return 'device mappings (--device, --gpus, --device-cgroup-rule) hand host hardware to the container; remove them from the job.'
  if (Array.isArray(host.CapAdd))
    for (const cap of host.CapAdd) {
      const name = String(cap).toUpperCase().replace(/^CAP_/, '')
      if (DANGEROUS_CAPS.has(name))
        return `--cap-add ${String(cap)} lets the container act on the host; remove it from the job.`
    }
  if (Array.isArray(host.SecurityOpt))
    for (const opt of host.SecurityOpt) {
      const text = String(opt).replace(':', '=').toLowerCase()
      if (/^(seccomp|apparmor|systempaths)=unconfined$/.test(text) || text === 'label=disable')
        return `--security-opt ${String(opt)} lifts the container's confinement; remove it from the job.`
    }
  if (
    (Array.isArray(host.MaskedPaths) && host.MaskedPaths.length === 0) ||
    (Array.isArray(host.ReadonlyPaths) && host.ReadonlyPaths.length === 0)
  )
    return 'unmasking /proc and /sys (--security-opt systempaths=unconfined) exposes the host; remove it from the job.'
  if (nonEmpty(host.VolumesFrom))
    return '--volumes-from would reach the mounts of containers outside the job; mount from the workspace instead.'
  if (typeof host.VolumeDriver === 'string' && !['', 'local'].includes(host.VolumeDriver))
    return `the volume driver "${host.VolumeDriver}" is not allowed for jobs; use the default one.`
  return null
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : isObject(value) && Object.keys(value).length > 0
}
