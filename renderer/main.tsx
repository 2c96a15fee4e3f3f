import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { connectEngine } from './client/connect'
import { createAppStore } from './state/app-store'

// The entry point: connect (bridge in Electron, WebSocket in a browser), build the store, render.
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')
const store = createAppStore(connectEngine(window))
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
)
