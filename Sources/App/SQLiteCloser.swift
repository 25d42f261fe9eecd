import SQLiteStorage
import ServiceLifecycle

/// Keeps the SQLite database while the application runs — its write-ahead log checkpointed in
/// the background, off the requests' commits — and closes it after graceful shutdown.
struct SQLiteCloser: Service {
    let store: SQLiteStore

    func run() async throws {
        let store = self.store
        let checkpoints = Task { await store.checkpointContinuously() }
        try? await gracefulShutdown()
        checkpoints.cancel()
        await checkpoints.value
        try await store.close()
    }
}
