import Foundation
import Logging
import PostgresStorage
import SQLiteStorage
import ServiceLifecycle
import StarlingCore

/// Closes the SQLite database after graceful shutdown.
struct SQLiteCloser: Service {
    let store: SQLiteStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}
