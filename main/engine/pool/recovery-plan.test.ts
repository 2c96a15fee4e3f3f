import { describe, expect, it } from 'vitest'
import type { ContainerInfo } from '../docker/docker-port'
import { planRecovery } from './recovery-plan'
import { LABELS } from './runner-labels'

const API = 'https://api.github.com'
const POOL = 'api.github.com/octo/app'

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
})
