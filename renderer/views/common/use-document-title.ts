import { useEffect } from 'react'

/** Gives the window (or browser tab) the view's own title, so each can be told apart. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title
  }, [title])
}
