import MastodonClients
import SQLiteDriver
import StarlingCore

/// `UserEmailLookup` on SQLite (the unique index on `users.email`).
public struct SQLiteUserEmailLookup: UserEmailLookup {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func userID(email: String) async throws -> Int64? {
        try await store.read("SELECT id FROM users WHERE email = ?", [email.sqlite]).first.map { $0.int64("id") }
    }
}
