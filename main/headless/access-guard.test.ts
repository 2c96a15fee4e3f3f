import { describe, expect, it } from 'vitest'
import { allowedHostsFor, checkRequest, targetQuery } from './access-guard'
import { clientErrorStatus, refusalText } from './http-refusal'

const TOKEN = 'guard-token-0123456789'
const hosts = allowedHostsFor('127.0.0.1', 7420)
const facts = (url: string, extra: Partial<Parameters<typeof checkRequest>[0]> = {}) => ({
  host: '127.0.0.1:7420',
  origin: undefined,
  cookie: undefined,
  url,
  ...extra,
})

describe('checkRequest', () => {
  it('never throws: a target that is not a path is a 400', () => {
    for (const url of ['http://[', 'http://[::1', 'http://evil/', '*', '', '//evil/', '?token=x'])
      expect(checkRequest(facts(url), TOKEN, hosts)).toEqual({
        allow: false,
        status: 400,
        reason: 'Malformed request target.',
      })
  })

  it('lets the token in by query or cookie, and refuses foreign hosts and origins', () => {
    expect(checkRequest(facts(`/?token=${TOKEN}`), TOKEN, hosts)).toEqual({
      allow: true,
      viaQuery: true,
    })
    expect(
      checkRequest(facts('/', { cookie: `a=b; runnerdock_access=${TOKEN}` }), TOKEN, hosts),
    ).toEqual({ allow: true, viaQuery: false })
    expect(checkRequest(facts('/', { host: 'evil:7420' }), TOKEN, hosts)).toMatchObject({
      status: 421,
    })
    expect(checkRequest(facts('/', { origin: 'http://[' }), TOKEN, hosts)).toMatchObject({
      status: 403,
    })
    expect(checkRequest(facts('/?token=wrong'), TOKEN, hosts)).toMatchObject({ status: 401 })
  })

  it('reads the query of origin-form targets only', () => {
    expect(targetQuery('/a?token=1')?.get('token')).toBe('1')
    expect(targetQuery('/%zz?token=2')?.get('token')).toBe('2')
    expect(targetQuery('http://x/?token=3')).toBeNull()
  })
})

describe('raw refusals', () => {
  it('maps parser errors like Node does', () => {
    expect(clientErrorStatus('HPE_HEADER_OVERFLOW')).toBe(431)
    expect(clientErrorStatus('ERR_HTTP_REQUEST_TIMEOUT')).toBe(408)
    expect(clientErrorStatus('HPE_INVALID_METHOD')).toBe(400)
    expect(clientErrorStatus(undefined)).toBe(400)
  })

  it('writes a whole response with a length and connection: close', () => {
    const text = refusalText(400, 'Malformed request.')
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(text).toContain('content-length: 19\r\n')
    expect(text).toContain('connection: close\r\n')
    expect(text.endsWith('\r\n\r\nMalformed request.\n')).toBe(true)
  })
})
