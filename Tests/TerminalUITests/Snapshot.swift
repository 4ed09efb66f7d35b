import TestSupport

/// This target's golden files, in `__Snapshots__/` next to this file.
let Snapshot = SnapshotFolder(nextTo: #filePath)
