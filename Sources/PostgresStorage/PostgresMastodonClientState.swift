import MastodonClients
import PostgresNIO
import StarlingCore

/// `IdempotencyKeyRepository` on PostgreSQL.
public struct PostgresIdempotencyKeyRepository: IdempotencyKeyRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func statusID(userID: Int64, key: String) async throws -> Int64? {
        try await store.rows("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = \(userID) AND idempotency_key = \(key)")
            .first?.decode(Int64.self)
    }

    public func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64 {
        try await store.transaction { tx in
            try await tx.rows("""
                INSERT INTO mastodon_idempotency_keys (user_id, idempotency_key, status_id, created_at)
                VALUES (\(userID), \(key), \(statusID), \(createdAt)) ON CONFLICT (user_id, idempotency_key) DO NOTHING
                """)
            return try await tx.rows("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = \(userID) AND idempotency_key = \(key)")
                .first?.decode(Int64.self) ?? statusID
        }
    }
}

/// `NotificationDismissalRepository` on PostgreSQL.
public struct PostgresNotificationDismissalRepository: NotificationDismissalRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func dismissals(userID: Int64) async throws -> NotificationDismissals {
        let cleared = try await store.rows("SELECT cleared_through FROM mastodon_notification_clears WHERE user_id = \(userID)")
            .first?.decode(Int64.self) ?? 0
        let single = try await store.rows("SELECT notification_id FROM mastodon_notification_dismissals WHERE user_id = \(userID)")
            .map { try $0.decode(Int64.self) }
        return NotificationDismissals(clearedThrough: cleared, dismissed: Set(single))
    }

    public func dismiss(userID: Int64, notificationID: Int64) async throws {
        try await store.rows("""
            INSERT INTO mastodon_notification_dismissals (user_id, notification_id) VALUES (\(userID), \(notificationID))
            ON CONFLICT (user_id, notification_id) DO NOTHING
            """)
    }

    public func clear(userID: Int64, through: Int64) async throws {
        try await store.transaction { tx in
            try await tx.rows("""
                INSERT INTO mastodon_notification_clears (user_id, cleared_through) VALUES (\(userID), \(through))
                ON CONFLICT (user_id) DO UPDATE
                SET cleared_through = GREATEST(mastodon_notification_clears.cleared_through, excluded.cleared_through)
                """)
            try await tx.rows("DELETE FROM mastodon_notification_dismissals WHERE user_id = \(userID) AND notification_id <= \(through)")
        }
    }
}

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

/// `PublicTimeline` on PostgreSQL: a range scan of the tweets' primary key.
public struct PostgresPublicTimeline: PublicTimeline {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func tweetIDs(page: PageRequest) async throws -> Page<Int64> {
        let ids = try await store.rows("""
            SELECT id FROM tweets WHERE id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            """).map { try $0.decode(Int64.self) }
        return page.page(fromNewestFirst: ids)
    }
}

extension MastodonRepositories {
    /// The PostgreSQL implementations over one database; its pool must be running.
    public static func postgres(_ store: PostgresStore) -> MastodonRepositories {
        MastodonRepositories(oauth: PostgresOAuthRepository(store: store), idempotencyKeys: PostgresIdempotencyKeyRepository(store: store),
                             dismissals: PostgresNotificationDismissalRepository(store: store), emails: PostgresUserEmailLookup(store: store),
                             publicTimeline: PostgresPublicTimeline(store: store))
    }
}
