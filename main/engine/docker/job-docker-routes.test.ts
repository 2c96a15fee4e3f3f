import { describe, expect, it } from 'vitest'
import { classifyJobRequest } from './job-docker-routes'

describe('classifyJobRequest', () => {
  it.each([
    ['POST', '/v1.41/containers/create?name=svc', 'container-create', null, true],
    ['POST', '/containers/create', 'container-create', null, true],
    ['POST', '/v1.41/containers/abc/start', 'container-start', 'container abc', true],
    ['POST', '/v1.41/containers/abc/exec', 'exec-create', 'container abc', true],
    ['POST', '/v1.41/containers/abc/attach?stream=1', 'container-op', 'container abc', false],
    ['DELETE', '/v1.41/containers/abc?force=1', 'container-op', 'container abc', false],
    ['GET', '/v1.41/containers/abc/json', 'container-op', 'container abc', false],
    ['GET', '/v1.41/containers/json?all=1', 'read', null, false],
    ['POST', '/v1.41/containers/prune', 'prune', null, false],
    ['POST', '/v1.41/exec/e1/start', 'exec-op', 'exec e1', false],
    ['GET', '/v1.41/exec/e1/json', 'exec-op', 'exec e1', false],
    ['POST', '/v1.41/networks/create', 'network-create', null, true],
    ['POST', '/v1.41/networks/n1/connect', 'network-op', 'network n1', false],
    ['DELETE', '/v1.41/networks/n1', 'network-op', 'network n1', false],
    ['GET', '/v1.41/networks/n1', 'read', null, false],
    ['POST', '/v1.41/volumes/create', 'volume-create', null, true],
    ['DELETE', '/v1.41/volumes/v1', 'volume-op', 'volume v1', false],
    ['POST', '/v1.41/build?t=x', 'build', null, false],
    ['POST', '/v1.41/commit?container=abc', 'commit', 'container abc', false],
    ['POST', '/v1.41/images/create?fromImage=alpine', 'allowed', null, false],
    ['POST', '/v1.41/build/prune', 'allowed', null, false],
    ['POST', '/session', 'allowed', null, false],
    ['GET', '/_ping', 'read', null, false],
    ['HEAD', '/_ping', 'read', null, false],
    ['GET', '/v1.41/events?filters=x', 'read', null, false],
    ['POST', '/v1.41/plugins/pull?remote=x', 'forbidden', null, false],
    ['POST', '/v1.41/swarm/init', 'forbidden', null, false],
    ['POST', '/v1.41/imagesX', 'forbidden', null, false],
    ['POST', '/V1.41/containers/create', 'forbidden', null, false],
    ['POST', '/v1.41/containers/cre%61te', 'container-create', null, true],
    ['POST', '/v1.41//containers/create', 'invalid', null, false],
    ['POST', '/v1.41/containers/create/', 'invalid', null, false],
    ['POST', '/v1.41/containers/../containers/create', 'invalid', null, false],
    ['POST', '/v1.41/containers/%2e%2e/x', 'invalid', null, false],
    ['POST', '/v1.41/containers/%zz', 'invalid', null, false],
  ])('%s %s is %s', (method, url, kind, target, needsBody) => {
    const route = classifyJobRequest(method, url)
    expect(route.kind).toBe(kind)
    expect(route.target ? `${route.target.kind} ${route.target.ref}` : null).toBe(target)
    expect(route.needsBody).toBe(needsBody)
  })

  it('strips the version and keeps the query', () => {
    const route = classifyJobRequest('POST', '/v1.41/containers/prune?filters=%7B%7D')
    expect(route.path).toBe('/containers/prune')
    expect(route.rawPath).toBe('/v1.41/containers/prune')
    expect(route.query.get('filters')).toBe('{}')
  })
})
