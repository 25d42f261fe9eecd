import MastodonClients
import PostgresNIO
import StarlingCore

/// `UserEmailLookup` on PostgreSQL (the unique index on `users.email`).
public struct PostgresUserEmailLookup: UserEmailLookup {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func userID(email: String) async throws -> Int64? {
        try await store.rows("SELECT id FROM users WHERE email = \(email)").first?.decode(Int64.self)
    }
}
