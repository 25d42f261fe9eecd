import MastodonClients
import SQLiteNIO
import StarlingCore

/// `IdempotencyKeyRepository` on SQLite.
public struct SQLiteIdempotencyKeyRepository: IdempotencyKeyRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func statusID(userID: Int64, key: String) async throws -> Int64? {
        try await store.read("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
                             [userID.sqlite, key.sqlite]).first.map { $0.int64("status_id") }
    }

    public func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64 {
        try await store.write { tx in
            try await tx.execute("""
                INSERT INTO mastodon_idempotency_keys (user_id, idempotency_key, status_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, idempotency_key) DO NOTHING
                """, [userID.sqlite, key.sqlite, statusID.sqlite, createdAt.sqlite])
            return try await tx.execute("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
                                        [userID.sqlite, key.sqlite]).first?.int64("status_id") ?? statusID
        }
    }
}

/// `NotificationDismissalRepository` on SQLite.
public struct SQLiteNotificationDismissalRepository: NotificationDismissalRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func dismissals(userID: Int64) async throws -> NotificationDismissals {
        let cleared = try await store.read("SELECT cleared_through FROM mastodon_notification_clears WHERE user_id = ?", [userID.sqlite])
            .first?.int64("cleared_through") ?? 0
        let single = try await store.read("SELECT notification_id FROM mastodon_notification_dismissals WHERE user_id = ?", [userID.sqlite])
            .map { $0.int64("notification_id") }
        return NotificationDismissals(clearedThrough: cleared, dismissed: Set(single))
    }

    public func dismiss(userID: Int64, notificationID: Int64) async throws {
        try await store.write { tx in
            try await tx.execute("""
                INSERT INTO mastodon_notification_dismissals (user_id, notification_id) VALUES (?, ?)
                ON CONFLICT (user_id, notification_id) DO NOTHING
                """, [userID.sqlite, notificationID.sqlite])
        }
    }

    public func clear(userID: Int64, through: Int64) async throws {
        try await store.write { tx in
            try await tx.execute("""
                INSERT INTO mastodon_notification_clears (user_id, cleared_through) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET cleared_through = MAX(cleared_through, excluded.cleared_through)
                """, [userID.sqlite, through.sqlite])
            try await tx.execute("DELETE FROM mastodon_notification_dismissals WHERE user_id = ? AND notification_id <= ?",
                                 [userID.sqlite, through.sqlite])
        }
    }
}

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

/// `PublicTimeline` on SQLite: a range scan of the tweets' primary key.
public struct SQLitePublicTimeline: PublicTimeline {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func tweetIDs(page: PageRequest) async throws -> Page<Int64> {
        let ids = try await store.read("SELECT id FROM tweets WHERE id < ? AND id > ? ORDER BY id DESC LIMIT ?", SQL.pageBinds(page))
            .map { $0.int64("id") }
        return page.page(fromNewestFirst: ids)
    }
}

extension MastodonRepositories {
    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> MastodonRepositories {
        MastodonRepositories(oauth: SQLiteOAuthRepository(store: store), idempotencyKeys: SQLiteIdempotencyKeyRepository(store: store),
                             dismissals: SQLiteNotificationDismissalRepository(store: store), emails: SQLiteUserEmailLookup(store: store),
                             publicTimeline: SQLitePublicTimeline(store: store))
    }
}
