import { useEffect } from 'react'
import { useActions, useAppStore } from '../../state/store-context'
import { toastLifetimeMs, type Toast } from '../../state/toasts'

function ToastItem({ toast }: { toast: Toast }) {
  const { dismissToast } = useActions()
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), toastLifetimeMs(toast.level))
    return () => clearTimeout(timer)
  }, [toast.id, toast.level, dismissToast])
  return (
    <li
      className={`toast toast-${toast.level}`}
      data-testid="toast"
      data-level={toast.level}
      role={toast.level === 'error' ? 'alert' : undefined}
    >
      <span>{toast.message}</span>
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

/** Engine notices and action failures, newest at the bottom; each goes away by itself. */
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
