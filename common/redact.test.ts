import { describe, expect, it } from 'vitest'
import { createRedactor, secretTailLength, SecretRegistry } from './redact'

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

  it('on a cut text, also masks a tail that could be the start of a secret', () => {
    const secret = 'jit-config-0123456789abcdef'
    const redact = createRedactor([secret])
    expect(redact('run jit-config-0123', { cutAtEnd: true })).toBe('run ***')
    expect(redact('run jit-config-0123')).toBe('run jit-config-0123')
    expect(redact(`token ghp_${'a'.repeat(12)}`, { cutAtEnd: true })).toBe('token ***')
    expect(redact('github_pat_11AB', { cutAtEnd: true })).toBe('***')
    // Three characters say nothing about a secret: left as they are.
    expect(redact('the end: jit', { cutAtEnd: true })).toBe('the end: jit')
    expect(redact('nothing secret here', { cutAtEnd: true })).toBe('nothing secret here')
  })

  it('finds the longest tail that starts a secret', () => {
    expect(secretTailLength('xxabcab', 'abcabd')).toBe(5)
    expect(secretTailLength('xxab', 'abc')).toBe(2)
    expect(secretTailLength('abc', 'abc')).toBe(0)
    expect(secretTailLength('zzz', 'abc')).toBe(0)
    expect(secretTailLength('a'.repeat(100_000), 'a'.repeat(2000) + 'b')).toBe(2000)
  })
})
