import { useCallback, useEffect, useState } from 'react'
import { formatBytes, type CacheList, type TargetCache } from '../../../common/cache-status'
import { useActions, useEngine } from '../../state/store-context'
import { ConfirmDialog } from '../common/confirm-dialog'
import { SettingsLink } from '../common/settings-link'

/** How often the card measures again while it is shown (Docker walks the volumes to measure). */
const REFRESH_MS = 30_000

type Shown =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly list: CacheList }

/** What a cache is doing, in words. */
function stateText(c: TargetCache): string {
  if (c.retired) return 'Cleared: goes when its runner ends'
  if (c.inUse > 0) return `In use by ${c.inUse} runner${c.inUse === 1 ? '' : 's'}`
  return 'Idle'
}

/**
 * The caches that outlive runners (docs/caches.md): each target's size and who uses it, the total
 * against the cap, and Clear (all, or one target) after a confirmation that says a running job
 * keeps its cache to the end.
 */
export function CachesCard() {
  const enabled = useEngine((s) => s.settings.caches)
  const { listCaches, clearCaches } = useActions()
  const [shown, setShown] = useState<Shown>({ kind: 'loading' })
  const [asking, setAsking] = useState<{ key: string | null } | null>(null)
  const [clearing, setClearing] = useState(false)

  const refresh = useCallback(async () => {
    const result = await listCaches()
    setShown(
      result.ok ? { kind: 'ready', list: result } : { kind: 'failed', message: result.message },
    )
  }, [listCaches])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [refresh])

  const clear = async (key: string | null) => {
    setAsking(null)
    setClearing(true)
    await clearCaches(key)
    setClearing(false)
    await refresh()
  }

  const caches = shown.kind === 'ready' ? shown.list.caches : []
  return (
    <section className="card" aria-labelledby="caches-title" data-testid="caches-card">
      <h2 id="caches-title">Caches</h2>
      <p className="hint">
        Tools that setup-* actions install, kept per repository or organization across ephemeral
        runners.
      </p>
      {!enabled && (
        <p data-testid="caches-off">
          Caches are off: runners start without them.{' '}
          <SettingsLink focus="caches" className="" testId="caches-settings">
            Turn them on in Settings
          </SettingsLink>
          .
        </p>
      )}
      {shown.kind === 'loading' && <p className="empty">Measuring…</p>}
      {shown.kind === 'failed' && (
        <p className="error" role="alert" data-testid="caches-error">
          {shown.message}
        </p>
      )}
      {shown.kind === 'ready' && caches.length === 0 && (
        <p className="empty" data-testid="caches-empty">
          No caches yet: they fill as jobs run.
        </p>
      )}
      {caches.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Size</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Clear</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {caches.map((c, i) => (
                <tr key={`${c.key ?? '?'}-${i}`} data-testid="cache-row" data-key={c.key ?? ''}>
                  <td>{c.key ?? 'Unlabelled volume'}</td>
                  <td data-testid="cache-size">{formatBytes(c.bytes)}</td>
                  <td>{stateText(c)}</td>
                  <td>
                    {c.key !== null && !c.retired && (
                      <button
                        type="button"
                        className="danger"
                        disabled={clearing}
                        aria-label={`Clear the caches of ${c.key}`}
                        data-testid="cache-clear-one"
                        onClick={() => setAsking({ key: c.key })}
                      >
                        Clear
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown.kind === 'ready' && (
        <p data-testid="caches-total">
          {formatBytes(shown.list.totalBytes)} of a {formatBytes(shown.list.limitBytes)} cap (
          <SettingsLink focus="caches" className="">
            change
          </SettingsLink>
          ).
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void refresh()} data-testid="caches-refresh">
          Measure again
        </button>
        <button
          type="button"
          className="danger"
          disabled={clearing || caches.length === 0}
          data-testid="caches-clear"
          onClick={() => setAsking({ key: null })}
        >
          {clearing ? 'Clearing…' : 'Clear caches'}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title={asking.key ? `Clear the caches of ${asking.key}?` : 'Clear every cache?'}
          confirmLabel="Clear caches"
          onConfirm={() => void clear(asking.key)}
          onCancel={() => setAsking(null)}
          testId="caches-confirm"
        >
          <p>
            Jobs will download their tools and actions again. A job running now keeps the cache it
            started with; that cache is removed when its runner ends, and new runners start empty.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
