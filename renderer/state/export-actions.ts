import type { ArcExportResult, ArcSaveResult } from '../../common/contract'
import type { StoreKit } from './app-store'
import { settle } from './pool-actions'

/** Actions of "Export for Kubernetes" (issue 12); the card shows their answers itself. */
export interface ExportActions {
  /** The saved settings as ARC values files and a guide. */
  exportArc(): Promise<ArcExportResult>
  /** Desktop: asks for a folder and writes the same files there. */
  saveArcExport(): Promise<ArcSaveResult>
}

/** Both calls as values: a refusal or a lost connection comes back as `{ ok: false, message }`. */
export function createExportActions(kit: StoreKit): ExportActions {
  return {
    exportArc: () => settle(() => kit.client.call('exportArc', {})),
    saveArcExport: () => settle(() => kit.client.call('saveArcExport', {})),
  }
}
