import { useEffect } from 'react'
import { useActions, useAppStore } from '../../state/store-context'
import { toastLifetimeMs, type Toast } from '../../state/toasts'

function ToastItem({ toast }: { toast: Toast }) {
  const { dismissToast } = useActions()
  // A repeat (count up) renews the toast's time on screen.
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), toastLifetimeMs(toast.level))
    return () => clearTimeout(timer)
  }, [toast.id, toast.level, toast.count, dismissToast])
  return (
    <li
      className={`toast toast-${toast.level}`}
      data-testid="toast"
      data-level={toast.level}
      data-count={toast.count}
      role={toast.level === 'error' ? 'alert' : undefined}
    >
      <span>
        {toast.message}
        {toast.count > 1 && (
          <>
            {' '}
            <span className="toast-count" data-testid="toast-count">
              ×{toast.count}
            </span>
            <span className="visually-hidden"> ({toast.count} times)</span>
          </>
        )}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </li>
  )
}

/**
 * Engine notices and action failures, newest at the bottom; each goes away by itself, and a
 * notice repeated within seconds is one toast with a count.
 */
export function ToastList() {
  const toasts = useAppStore((s) => s.toasts)
  return (
    <ol className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </ol>
  )
}
