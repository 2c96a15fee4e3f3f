import { describe, expect, it } from 'vitest'
import { createRedactor, SecretRegistry } from './redact'

describe('redaction', () => {
  it('masks known secrets and anything shaped like a GitHub token', () => {
    const jit = 'eyJydW5uZXIiOiJhYmMifQ=='.repeat(4)
    const redact = createRedactor([jit])
    expect(redact(`config=${jit} done`)).toBe('config=*** done')
    expect(redact('token ghp_' + 'a'.repeat(36) + ' used')).toBe('token *** used')
    expect(redact('github_pat_' + 'B1_'.repeat(28))).toBe('***')
    expect(redact('plain text stays')).toBe('plain text stays')
  })

  it('a registry picks up new secrets and forgets removed ones', () => {
    const registry = new SecretRegistry()
    registry.add('super-secret-value')
    expect(registry.redact('x super-secret-value y')).toBe('x *** y')
    registry.delete('super-secret-value')
    expect(registry.redact('x super-secret-value y')).toBe('x super-secret-value y')
  })
})
