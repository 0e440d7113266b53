// The counts an annual crisis-referral report needs (SB 243 § 22603: no identifiers, no personal
// data), summed from the store's de-identified record of protocol firings.
import type { ProtocolFiringCount } from '../store/types.ts'

export interface ReferralReport {
  from: string
  to: string
  /** Referral notices shown (safety events) in the period. */
  total: number
  byCategory: Record<string, number>
  byLevel: Record<string, number>
  /** A firing counts under each profile that was active when it happened. */
  byProfile: Record<string, number>
  /** The protocol versions the firings happened under, and the one in force now. */
  protocolVersions: Record<string, number>
  protocolVersion: string
}

function add (counts: Record<string, number>, name: string, count: number): void {
  counts[name] = (counts[name] ?? 0) + count
}

export function referralReport (from: string, to: string, rows: readonly ProtocolFiringCount[], protocolVersion: string): ReferralReport {
  const report: ReferralReport = { from, to, total: 0, byCategory: {}, byLevel: {}, byProfile: {}, protocolVersions: {}, protocolVersion }
  for (const row of rows) {
    report.total += row.count
    add(report.byCategory, row.category, row.count)
    add(report.byLevel, row.level, row.count)
    add(report.protocolVersions, row.protocolVersion, row.count)
    for (const profile of row.profiles) add(report.byProfile, profile, row.count)
  }
  return report
}
