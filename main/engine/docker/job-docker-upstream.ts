import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import type { DockerConnection } from './docker-connection'
import type { JobTarget } from './job-docker-routes'
import type { TargetFacts } from './job-docker-policy'

// The job proxy's way to the real daemon, over whatever the resolved connection is (unix socket,
// or tcp with or without TLS): plain requests, raw connections for hijacked streams, and the
// label look-ups the policy needs.

/** Options for http(s).request that reach the daemon. */
export function upstreamRequestOptions(connection: DockerConnection): https.RequestOptions {
  const o = connection.options
  if (o.socketPath) return { socketPath: o.socketPath }
  return {
    host: o.host,
    port: o.port,
    ...(o.protocol === 'https'
      ? {
          protocol: 'https:',
          ca: o.ca,
          cert: o.cert,
          key: o.key,
          rejectUnauthorized: !connection.skipTlsVerify,
        }
      : { protocol: 'http:' }),
  }
}

/** Sends one request to the daemon; `https.request` for TLS connections, else `http.request`. */
export function upstreamRequest(
  connection: DockerConnection,
  options: http.RequestOptions,
  onResponse: (response: http.IncomingMessage) => void,
): http.ClientRequest {
  const base = upstreamRequestOptions(connection)
  const secure = base.protocol === 'https:'
  return (secure ? https : http).request({ ...base, ...options, agent: false }, onResponse)
}

/** Opens a raw stream to the daemon, for requests that hijack their connection (attach, exec). */
export function upstreamSocket(connection: DockerConnection): net.Socket {
  const o = connection.options
  if (o.socketPath) return net.connect(o.socketPath)
  if (o.protocol === 'https')
    return tls.connect({
      host: o.host,
      port: o.port ?? 2376,
      ca: o.ca,
      cert: o.cert,
      key: o.key,
      rejectUnauthorized: !connection.skipTlsVerify,
      servername: o.host,
    })
  return net.connect(o.port ?? 2375, o.host ?? 'localhost')
}

/** GETs a JSON document from the daemon: its status and parsed body (null when not JSON). */
export function upstreamJson(
  connection: DockerConnection,
  path: string,
  timeoutMs = 10_000,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = upstreamRequest(connection, { method: 'GET', path }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        let json: unknown = null
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          json = null
        }
        resolve({ status: response.statusCode ?? 0, json })
      })
    })
    request.setTimeout(timeoutMs, () =>
      request.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    )
    request.on('error', reject)
    request.end()
  })
}

/**
 * The labels of the object a request acts on, asked of the daemon; 'missing' when it does not
 * exist (the daemon will answer the request itself with 404). An exec session is the container
 * it runs in.
 */
export async function lookUpTarget(
  connection: DockerConnection,
  target: JobTarget,
): Promise<TargetFacts> {
  const ref = encodeURIComponent(target.ref)
  if (target.kind === 'exec') {
    const exec = await upstreamJson(connection, `/exec/${ref}/json`)
    if (exec.status === 404) return 'missing'
    const containerId = field(exec.json, 'ContainerID')
    if (exec.status !== 200 || typeof containerId !== 'string')
      throw new Error(`Docker answered ${exec.status} about exec ${target.ref}`)
    return lookUpTarget(connection, { kind: 'container', ref: containerId })
  }
  const path =
    target.kind === 'container'
      ? `/containers/${ref}/json`
      : target.kind === 'network'
        ? `/networks/${ref}`
        : `/volumes/${ref}`
  const found = await upstreamJson(connection, path)
  if (found.status === 404) return 'missing'
  if (found.status !== 200)
    throw new Error(`Docker answered ${found.status} about ${target.kind} ${target.ref}`)
  const labels =
    target.kind === 'container'
      ? field(field(found.json, 'Config'), 'Labels')
      : field(found.json, 'Labels')
  return { labels: stringRecord(labels) }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  )
}
