import { describe, expect, it } from 'vitest'
import { imageReferenceProblem } from './image-reference'

describe('imageReferenceProblem', () => {
  it('accepts what Docker pulls', () => {
    for (const image of [
      'ghcr.io/actions/actions-runner:latest',
      'runnerdock/runner-standin:latest',
      'busybox',
      'localhost:5000/team/runner:2.330.0',
      'My.Registry.example:443/a/b',
      `ghcr.io/actions/actions-runner@sha256:${'a'.repeat(64)}`,
    ])
      expect(imageReferenceProblem(image), image).toBeNull()
  })

  it('names the problem of a name Docker refuses', () => {
    expect(imageReferenceProblem('')).toMatch(/^Enter an image name/)
    expect(imageReferenceProblem('runner dock/x')).toMatch(/has a space/)
    expect(imageReferenceProblem('ghcr.io/Actions/Runner:latest')).toMatch(/capital letters/)
    expect(imageReferenceProblem('ghcr.io/actions/runner:')).toMatch(/not a valid image name/)
    expect(imageReferenceProblem('ghcr.io//runner')).toMatch(/not a valid image name/)
    expect(imageReferenceProblem('runner?tag=1')).toMatch(/not a valid image name/)
  })
})
