import { describe, expect, it } from 'vitest'
import { fieldOfIssue } from './settings-issue'

describe('fieldOfIssue', () => {
  it('names the settings field an issue is about, or none', () => {
    expect(fieldOfIssue({ path: ['networkMode'] })).toBe('networkMode')
    expect(fieldOfIssue({ path: ['targets', 0, 'owner'] })).toBe('targets')
    expect(fieldOfIssue({ path: ['windows', 'logs'] })).toBeNull()
    expect(fieldOfIssue({ path: [] })).toBeNull()
    expect(fieldOfIssue(undefined)).toBeNull()
  })
})
