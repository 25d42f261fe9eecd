import MastodonClients
import SQLiteDriver
import StarlingCore

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
            try tx.execute("""
                INSERT INTO mastodon_notification_dismissals (user_id, notification_id) VALUES (?, ?)
                ON CONFLICT (user_id, notification_id) DO NOTHING
                """, [userID.sqlite, notificationID.sqlite])
        }
    }

    public func clear(userID: Int64, through: Int64) async throws {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO mastodon_notification_clears (user_id, cleared_through) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET cleared_through = MAX(cleared_through, excluded.cleared_through)
                """, [userID.sqlite, through.sqlite])
            try tx.execute("DELETE FROM mastodon_notification_dismissals WHERE user_id = ? AND notification_id <= ?",
                                 [userID.sqlite, through.sqlite])
        }
    }
}
