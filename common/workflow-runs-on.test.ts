import { describe, expect, it } from 'vitest'
import { workflowAsksSelfHosted } from './workflow-runs-on'

describe('workflowAsksSelfHosted', () => {
  it('finds self-hosted in a string, a list or a labels object, whatever its case', () => {
    expect(workflowAsksSelfHosted('jobs:\n  a:\n    runs-on: self-hosted\n')).toMatchObject({
      asks: 'yes',
    })
    expect(
      workflowAsksSelfHosted(
        'on: push\njobs:\n  build:\n    runs-on: [Self-Hosted, linux, x64]\n    steps: []\n',
      ),
    ).toEqual({ asks: 'yes', reasons: ['build: runs-on [Self-Hosted, linux, x64]'] })
    expect(
      workflowAsksSelfHosted(
        'jobs:\n  a:\n    runs-on:\n      group: big\n      labels: [self-hosted]\n',
      ).asks,
    ).toBe('yes')
  })

  it('says no for hosted runners only', () => {
    expect(
      workflowAsksSelfHosted(
        'jobs:\n  a:\n    runs-on: ubuntu-latest\n  b:\n    runs-on: [windows-latest]\n',
      ),
    ).toEqual({
      asks: 'no',
      reasons: [],
    })
  })

  it('treats a runs-on built from an expression or a matrix as maybe', () => {
    const matrix =
      'jobs:\n  t:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, self-hosted]\n    runs-on: ${{ matrix.os }}\n'
    expect(workflowAsksSelfHosted(matrix)).toMatchObject({ asks: 'maybe' })
  })

  it('asks nothing of a file that does not parse or has no jobs', () => {
    expect(workflowAsksSelfHosted('jobs: [unclosed').asks).toBe('no')
    expect(workflowAsksSelfHosted('name: x\n').asks).toBe('no')
    expect(
      workflowAsksSelfHosted('jobs:\n  call:\n    uses: ./.github/workflows/x.yml\n').asks,
    ).toBe('no')
  })
})
