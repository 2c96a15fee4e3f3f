import { findBridge, createBridgeTransport } from './bridge-transport'
import { createEngineClient, type EngineClient } from './engine-client'
import { createWebSocketTransport, webSocketUrl } from './ws-transport'

/**
 * Connects the UI to the engine: through the preload bridge inside Electron, through the headless
 * host's WebSocket in a browser. The rest of the renderer never knows which.
 */
export function connectEngine(win: Window): EngineClient {
  const bridge = findBridge(win)
  const transport = bridge
    ? createBridgeTransport(bridge)
    : createWebSocketTransport({ url: webSocketUrl(win.location) })
  return createEngineClient(transport)
}
