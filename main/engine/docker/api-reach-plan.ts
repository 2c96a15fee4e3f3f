// Can a runner container reach GitHub? The decisions behind doctor's check: the probe script a
// throwaway container runs (curl, else wget: whatever the runner image has), how to read what it
// printed, and what to tell the user. Pure; `api-reach.ts` runs the container.

/** Seconds the probe's HTTP tool may take before it gives up. */
export const PROBE_TOOL_TIMEOUT_S = 10

/** The line prefix the probe script answers with, so its verdict is told apart from noise. */
const MARK = 'rd-reach'

/**
 * The probe, for `sh -c`: reads the URL from RD_URL and prints one verdict line. Any HTTP answer
 * counts as reached (GitHub's API root answers 200, an emulator 404): only the network matters.
 * wget's own -T is not used: Debian's static busybox wget crashes with it; `timeout` bounds it.
 */
export const PROBE_SCRIPT = `t=${PROBE_TOOL_TIMEOUT_S}
if command -v curl >/dev/null 2>&1; then
  out=$(curl -sS -o /dev/null -m "$t" -w ' HTTP %{http_code}' "$RD_URL" 2>&1); rc=$?
  if [ "$rc" -eq 0 ]; then echo "${MARK} ok curl$out"; exit 0; fi
  echo "${MARK} fail curl $rc $out" | tr '\\n' ' '; echo; exit 1
elif command -v wget >/dev/null 2>&1; then
  if command -v timeout >/dev/null 2>&1; then out=$(timeout "$t" wget -q -O /dev/null "$RD_URL" 2>&1); rc=$?
  else out=$(wget -q -O /dev/null "$RD_URL" 2>&1); rc=$?; fi
  case "$rc" in 124 | 143) rc=1; out="timed out after \${t} s $out" ;; esac
  if [ "$rc" -eq 0 ] || [ "$rc" -eq 8 ]; then echo "${MARK} ok wget $out" | tr '\\n' ' '; echo; exit 0; fi
  case "$out" in *"server returned error"*) echo "${MARK} ok wget $out" | tr '\\n' ' '; echo; exit 0 ;; esac
  echo "${MARK} fail wget $rc $out" | tr '\\n' ' '; echo; exit 1
else
  echo "${MARK} no-tool"; exit 3
fi`

/** What the probe found. `not-checked` is neither a pass nor a failure: the check could not run. */
export type ReachVerdict =
  | { readonly kind: 'reached'; readonly detail: string }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'not-checked'; readonly detail: string }

/** Reads the probe container's output and exit code into a verdict. */
export function readProbeOutput(exitCode: number, output: string): ReachVerdict {
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .reverse()
    .find((l) => l.startsWith(`${MARK} `))
  if (line === undefined) {
    const said = output.trim().split(/\r?\n/).pop()?.trim() ?? ''
    const how = exitCode >= 128 ? `crashed (signal ${exitCode - 128})` : `exited with ${exitCode}`
    return {
      kind: 'not-checked',
      detail: `the probe ${how} without a verdict${said ? `: ${said}` : ''}`,
    }
  }
  const words = line.slice(MARK.length + 1)
  if (words === 'no-tool')
    return { kind: 'not-checked', detail: 'the image has neither curl nor wget to try with' }
  const ok = /^ok (\S+)\s*(.*)$/.exec(words)
  if (ok) return { kind: 'reached', detail: `${ok[1]}: ${ok[2]!.trim() || 'answered'}` }
  const fail = /^fail (\S+) (\d+)\s*(.*)$/.exec(words)
  if (fail) {
    const code = Number(fail[2])
    const said = fail[3]!.replace(/\s*HTTP 000\s*$/, '').trim()
    if (code >= 128)
      return { kind: 'not-checked', detail: `${fail[1]} crashed (signal ${code - 128})` }
    return { kind: 'unreachable', detail: said || `${fail[1]} failed with ${code}` }
  }
  return { kind: 'not-checked', detail: `unexpected probe answer: ${words}` }
}

/** Why a request failed, from the tool's words. */
export type ReachCause = 'dns' | 'refused' | 'timeout' | 'no-route' | 'tls' | 'other'

/** Sorts curl's and wget's error text into a cause a user can act on. */
export function reachCause(detail: string): ReachCause {
  if (
    /could not resolve|bad address|name does not resolve|name or service not known|temporary failure in name resolution|resource temporarily unavailable|unknown host|curl: \(6\)/i.test(
      detail,
    )
  )
    return 'dns'
  if (/refused/i.test(detail)) return 'refused'
  if (/timed out|timeout|curl: \(28\)/i.test(detail)) return 'timeout'
  if (/network is unreachable|no route to host|host is unreachable/i.test(detail)) return 'no-route'
  if (/certificate|ssl|tls|curl: \((35|60)\)/i.test(detail)) return 'tls'
  return 'other'
}

/** "the default bridge network", "network host", `network "ci"`: where the probe ran. */
export function describeNetwork(network: string | null): string {
  if (network === null || network === '' || network === 'default' || network === 'bridge')
    return 'the default bridge network'
  return network === 'host' ? 'network host' : `network "${network}"`
}

/**
 * The doctor line's text for an unreachable API: what failed, where, and what to do about it —
 * "cannot reach https://HOST from inside a container on network X: DETAIL — ADVICE".
 */
export function unreachableMessage(url: string, network: string | null, detail: string): string {
  const parsed = safeUrl(url)
  const host = parsed?.hostname ?? url
  const origin = parsed ? `${parsed.protocol}//${parsed.host}` : url
  const onHost = network === 'host'
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i.test(host)
  const elsewhere = onHost
    ? 'set another network in Settings (or --network)'
    : 'use --network host / set the network in Settings'
  let advice: string
  if (loopback && !onHost)
    advice = `inside a container ${host} is the container itself: use --network host / set the network in Settings to host, or give an address the container can reach (on Docker's default bridge the host is its gateway, e.g. 172.17.0.1)`
  else
    switch (reachCause(detail)) {
      case 'dns':
        advice = `the container cannot resolve ${host}: check the DNS servers Docker gives containers ("dns" in the daemon's daemon.json), or ${elsewhere}`
        break
      case 'refused':
        advice = `nothing accepts connections at ${parsed?.host ?? host} as the container sees it: check the address, or ${elsewhere}`
        break
      case 'timeout':
      case 'no-route':
        advice = `a firewall or a required proxy stands in the way: allow the container through, or ${elsewhere}; if this network needs a proxy, set HTTPS_PROXY for the runners in their image`
        break
      case 'tls':
        advice = `a proxy or firewall intercepts TLS: add its CA certificate to the runner image`
        break
      default:
        advice = elsewhere
    }
  return `cannot reach ${origin} from inside a container on ${describeNetwork(network)}: ${detail} — ${advice}.`
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}
