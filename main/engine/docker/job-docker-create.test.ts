// Container create requests through the job proxy: labels, mounts, and the HostConfig refusals
// (job-docker-host-config.ts, job-docker-mounts.ts), as decideJobDockerRequest applies them.
import { describe, expect, it } from 'vitest'
import {
  decideJobDockerRequest,
  JOB_LABELS,
  REFUSAL_PREFIX,
  type JobBounds,
  type JobDockerRequest,
} from './job-docker-policy'

const WORK = '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/work'
const SOCKET = '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/docker.sock'
const bounds: JobBounds = {
  runnerName: 'rd-aaaa1111-0001',
  installationId: 'aaaa1111',
  workFolder: WORK,
  translations: [
    { from: '/var/run/docker.sock', to: SOCKET },
    { from: '/home/runner/externals', to: 'runnerdock-externals-1a2b3c' },
  ],
  selfLabels: { 'dev.runnerdock.runner': 'rd-aaaa1111-0001' },
}
const create = (body: unknown): JobDockerRequest => ({
  method: 'POST',
  url: '/v1.41/containers/create?name=svc',
  body,
})
const decide = (request: JobDockerRequest) => decideJobDockerRequest(request, bounds)
const refused = (request: JobDockerRequest) => {
  const decision = decide(request)
  expect(decision.action).toBe('refuse')
  return decision.action === 'refuse' ? decision : null
}

describe('container create', () => {
  it('labels the container with its runner and drops labels of our namespace', () => {
    const decision = decide(
      create({
        Image: 'postgres:16',
        Labels: { app: 'db', 'dev.runnerdock.runner': 'rd-other', 'Dev.RunnerDock.Pool': 'x' },
      }),
    )
    expect(decision).toMatchObject({
      action: 'forward',
      body: {
        Image: 'postgres:16',
        Labels: {
          app: 'db',
          [JOB_LABELS.jobOf]: 'rd-aaaa1111-0001',
          [JOB_LABELS.installation]: 'aaaa1111',
        },
      },
    })
  })

  it('passes binds inside the work folder and asks for their real paths to be checked', () => {
    const decision = decide(
      create({
        Image: 'node:20',
        HostConfig: {
          Binds: [`${WORK}:/__w`, `${WORK}/_temp/_github_home:/github/home`, 'cache:/cache:ro'],
        },
      }),
    )
    expect(decision).toMatchObject({
      action: 'forward',
      body: {
        HostConfig: {
          Binds: [`${WORK}:/__w`, `${WORK}/_temp/_github_home:/github/home`, 'cache:/cache:ro'],
        },
      },
      hostPaths: [WORK, `${WORK}/_temp/_github_home`],
    })
  })

  it('translates the docker socket and the externals the runner names', () => {
    const decision = decide(
      create({
        HostConfig: {
          Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/home/runner/externals:/__e:ro'],
          Mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Target: '/run/docker.sock' }],
        },
      }),
    )
    expect(decision).toMatchObject({
      action: 'forward',
      body: {
        HostConfig: {
          Binds: [`${SOCKET}:/var/run/docker.sock`, 'runnerdock-externals-1a2b3c:/__e:ro'],
          Mounts: [{ Type: 'bind', Source: SOCKET, Target: '/run/docker.sock' }],
        },
      },
      hostPaths: [],
    })
  })

  it('turns a bind of the externals into a volume mount', () => {
    expect(
      decide(
        create({
          HostConfig: {
            Mounts: [{ type: 'bind', source: '/home/runner/externals', target: '/__e' }],
          },
        }),
      ),
    ).toMatchObject({
      action: 'forward',
      body: {
        HostConfig: {
          Mounts: [{ Type: 'volume', Source: 'runnerdock-externals-1a2b3c', Target: '/__e' }],
        },
      },
    })
  })

  it.each([
    [
      'privileged',
      { Privileged: true },
      /privileged containers control the host; remove --privileged/,
    ],
    ['privileged, spelled in lower case', { privileged: true }, /privileged containers/],
    ['host pid', { PidMode: 'host' }, /--pid=host shares the host's namespace/],
    ['host network', { NetworkMode: 'host' }, /--network=host/],
    [
      'another container network',
      { NetworkMode: 'container:rd-x' },
      /another container's namespace/,
    ],
    ['podman ns: network', { NetworkMode: 'ns:/proc/1/ns/net' }, /--network=ns:/],
    ['host ipc', { IpcMode: 'host' }, /--ipc=host/],
    ['host uts', { UTSMode: 'host' }, /--uts=host/],
    ['host userns', { UsernsMode: 'host' }, /--userns=host/],
    [
      'a device',
      { Devices: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda' }] },
      /device mappings/,
    ],
    ['a GPU', { DeviceRequests: [{ Count: -1, Capabilities: [['gpu']] }] }, /--gpus/],
    [
      'SYS_ADMIN',
      { CapAdd: ['SYS_ADMIN'] },
      /--cap-add SYS_ADMIN lets the container act on the host/,
    ],
    ['CAP_SYS_MODULE', { CapAdd: ['cap_sys_module'] }, /--cap-add cap_sys_module/],
    ['ALL caps', { CapAdd: ['ALL'] }, /--cap-add ALL/],
    [
      'seccomp unconfined',
      { SecurityOpt: ['seccomp=unconfined'] },
      /lifts the container's confinement/,
    ],
    ['apparmor unconfined', { SecurityOpt: ['apparmor:unconfined'] }, /lifts/],
    ['unmasked paths', { MaskedPaths: [] }, /unmasking \/proc/],
    ['volumes from', { VolumesFrom: ['rd-other'] }, /--volumes-from/],
    ['another cgroup', { Cgroup: 'container:rd-x' }, /--cgroup/],
    ['a volume driver', { VolumeDriver: 'sshfs' }, /volume driver "sshfs"/],
    [
      'a bind of /etc',
      { Binds: ['/etc:/host-etc'] },
      /mounts \/etc from the host, which is outside the job's work folder/,
    ],
    [
      'a bind of the work folder parent',
      { Binds: [`${WORK}/..:/x`] },
      /outside the job's work folder/,
    ],
    ['a bind named like the work folder', { Binds: [`${WORK}-other:/x`] }, /outside/],
    ['a dotted escape', { Binds: [`${WORK}/../../../../../etc:/x`] }, /outside/],
    [
      'a bind mount of /',
      { Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] },
      /mounts \/ from the host/,
    ],
    ['part of the externals', { Binds: ['/home/runner/externals/node20:/n'] }, /only as a whole/],
    [
      'a host pipe',
      { Mounts: [{ Type: 'npipe', Source: '//./pipe/x', Target: '/x' }] },
      /named pipe/,
    ],
    [
      'a volume over a host path',
      {
        Mounts: [
          {
            Type: 'volume',
            Source: 'v',
            Target: '/v',
            VolumeOptions: {
              DriverConfig: { Options: { device: '/etc', o: 'bind', type: 'none' } },
            },
          },
        ],
      },
      /"device"/,
    ],
  ])('refuses %s', (_what, hostConfig, message) => {
    const decision = refused(create({ Image: 'x', HostConfig: hostConfig }))
    expect(decision?.status).toBe(403)
    expect(decision?.message.startsWith(REFUSAL_PREFIX)).toBe(true)
    expect(decision?.message).toMatch(message)
  })

  it.each([
    ['a harmless capability', { CapAdd: ['NET_BIND_SERVICE', 'SYS_NICE'] }],
    ['the job network', { NetworkMode: 'github_network_abc' }],
    ['bridge', { NetworkMode: 'bridge' }],
    ['a private pid namespace', { PidMode: '' }],
    ['a tmpfs', { Mounts: [{ Type: 'tmpfs', Target: '/tmp' }] }],
    ['a named volume', { Mounts: [{ Type: 'volume', Source: 'cache', Target: '/cache' }] }],
    ['no-new-privileges', { SecurityOpt: ['no-new-privileges'] }],
  ])('allows %s', (_what, hostConfig) => {
    expect(decide(create({ Image: 'x', HostConfig: hostConfig })).action).toBe('forward')
  })

  it('sends the daemon only what it checked: one spelling per field, the last one winning', () => {
    const decision = decide(
      create({ Image: 'x', hostconfig: { Privileged: false }, HostConfig: { privileged: false } }),
    )
    expect(decision).toMatchObject({
      action: 'forward',
      body: { HostConfig: { Privileged: false } },
    })
    expect(Object.keys((decision as { body: Record<string, unknown> }).body)).not.toContain(
      'hostconfig',
    )
  })

  it('refuses a HostConfig that is not an object', () => {
    expect(refused(create({ HostConfig: 'x' }))?.status).toBe(400)
  })
})
