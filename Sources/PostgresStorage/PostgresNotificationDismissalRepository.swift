import MastodonClients
import PostgresNIO
import StarlingCore

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
