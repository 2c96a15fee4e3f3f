import { describe, expect, it } from 'vitest'
import type { ContainerInfo } from '../docker/docker-port'
import { planRecovery } from './recovery-plan'
import { LABELS } from './runner-labels'

const API = 'https://api.github.com'
const POOL = 'api.github.com/octo/app'
const SESSION = 'this-process'

function container(
  name: string,
  overrides: Partial<Record<string, string>> = {},
  state: ContainerInfo['state'] = 'running',
): ContainerInfo {
  return {
    id: `id-${name}`,
    name,
    state,
    createdAt: 0,
    exitCode: null,
    labels: {
      [LABELS.installation]: 'abcd1234',
      [LABELS.runner]: name,
      [LABELS.runnerId]: '7',
      [LABELS.pool]: POOL,
      [LABELS.apiUrl]: API,
      [LABELS.settings]: 'hash-today',
      ...overrides,
    } as Record<string, string>,
  }
}

const plan = (containers: ContainerInfo[], adoptable = true) =>
  planRecovery({
    containers,
    known: new Map(),
    poolKeys: new Set([POOL]),
    settingsHash: 'hash-today',
    apiUrl: API,
    adoptable,
    session: SESSION,
  })

describe('planRecovery', () => {
  it('adopts a running container of this pool made with today’s settings', () => {
    expect(plan([container('rd-1')])).toMatchObject({ adopt: [{ name: 'rd-1' }], discard: [] })
  })

  it.each([
    [
      'made with other settings (image, limits, network…)',
      container('rd-2', { [LABELS.settings]: 'hash-old' }),
    ],
    ['made before settings were hashed', container('rd-3', { [LABELS.settings]: undefined })],
    [
      'of a target this pool no longer serves',
      container('rd-4', { [LABELS.pool]: 'api.github.com/octo/gone' }),
    ],
    ['exited', container('rd-5', {}, 'exited')],
  ])('removes one %s, with its registration', (_why, info) => {
    const result = plan([info])
    expect(result.adopt).toEqual([])
    expect(result.discard).toEqual([
      { container: info, registration: { target: expect.anything(), runnerId: 7 } },
    ])
  })

  it('adopts nothing when runners depended on the earlier process (a Docker proxy)', () => {
    const info = container('rd-6')
    expect(plan([info], false)).toMatchObject({ adopt: [], discard: [{ container: info }] })
  })

  it('keeps the registration of another GitHub', () => {
    const info = container('rd-7', {
      [LABELS.apiUrl]: 'https://ghe.example.com/api/v3',
      [LABELS.settings]: 'x',
    })
    expect(plan([info]).discard).toEqual([{ container: info, registration: null }])
  })

  describe('helper containers (no runner label)', () => {
    const helper = (session: string, state: ContainerInfo['state'] = 'exited'): ContainerInfo => ({
      ...container('helper'),
      name: 'quirky_helper',
      state,
      labels: {
        [LABELS.installation]: 'abcd1234',
        [LABELS.probe]: 'cache-helper',
        [LABELS.session]: session,
      },
    })

    it.each([
      ['exited, made by a process that died', helper('earlier'), true],
      ['created but never started by a process that died', helper('earlier', 'created'), true],
      ['still running, made by a process that died', helper('earlier', 'running'), true],
      ['exited, this process’s and about to be read', helper(SESSION), false],
      ['running, this process’s', helper(SESSION, 'running'), false],
    ])('%s: removed is %s', (_why, info, removed) => {
      const result = plan([info])
      expect(result.adopt).toEqual([])
      expect(result.discard).toEqual(removed ? [{ container: info, registration: null }] : [])
    })

    it('leaves a container with neither a runner nor a probe label alone', () => {
      const info = { ...helper('earlier'), labels: { [LABELS.installation]: 'abcd1234' } }
      expect(plan([info]).discard).toEqual([])
    })
  })
})
