import Notifications
import SQLiteDriver
import StarlingCore

/// `NotificationRepository` on SQLite.
public struct SQLiteNotificationRepository: NotificationRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    private static let select = """
        SELECT id, recipient_id, actor_id, verb, action_object_type, action_object_id, target_type, target_id, unread
        FROM notifications
        """

    public func insert(_ notification: Notification) async throws -> Bool {
        try await store.write { tx in
            try tx.change(
                """
                INSERT OR IGNORE INTO notifications
                    (id, recipient_id, actor_id, verb, action_object_type, action_object_id, target_type, target_id, unread)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [notification.id.sqlite, notification.recipientID.sqlite, notification.actorID.sqlite, notification.verb.rawValue.sqlite,
                 notification.actionObject?.type.rawValue.sqlite ?? .null, notification.actionObject?.id.sqlite ?? .null,
                 notification.target?.type.rawValue.sqlite ?? .null, notification.target?.id.sqlite ?? .null,
                 (notification.unread ? 1 : 0).sqlite]) > 0
        }
    }

    public func list(recipientID: Int64, unread: Bool?, offset: Int, limit: Int) async throws -> (total: Int, items: [Notification]) {
        var filter = "recipient_id = ?"
        var binds = [recipientID.sqlite]
        if let unread {
            filter += " AND unread = ?"
            binds.append((unread ? 1 : 0).sqlite)
        }
        let total = try await store.read("SELECT COUNT(*) AS n FROM notifications WHERE \(filter)", binds).first?.int("n") ?? 0
        let rows = try await store.read("\(Self.select) WHERE \(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                                        binds + [limit.sqlite, offset.sqlite])
        return (total, rows.compactMap(Self.decode))
    }

    public func unreadCount(recipientID: Int64) async throws -> Int {
        try await store.read("SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = ? AND unread = 1",
                             [recipientID.sqlite]).first?.int("n") ?? 0
    }

    public func markAllRead(recipientID: Int64) async throws -> Int {
        try await store.write { tx in
            try tx.change("UPDATE notifications SET unread = 0 WHERE recipient_id = ? AND unread = 1", [recipientID.sqlite])
        }
    }

    public func setUnread(_ unread: Bool, id: Int64, recipientID: Int64) async throws -> Notification? {
        try await store.write { tx in
            guard try tx.change("UPDATE notifications SET unread = ? WHERE id = ? AND recipient_id = ?",
                                      [(unread ? 1 : 0).sqlite, id.sqlite, recipientID.sqlite]) > 0 else { return nil }
            return try tx.execute("\(Self.select) WHERE id = ?", [id.sqlite]).first.flatMap(Self.decode)
        }
    }

    static func decode(_ row: SQLiteRow) -> Notification? {
        guard let verb = Notification.Verb(rawValue: row.string("verb")) else { return nil }
        func reference(_ type: String, _ id: String) -> Notification.Reference? {
            guard let kind = row.optionalString(type).flatMap(ContentType.init(rawValue:)),
                  let value = row.column(id), !value.isNull else { return nil }
            return Notification.Reference(kind, row.int64(id))
        }
        return Notification(id: row.int64("id"), recipientID: row.int64("recipient_id"), actorID: row.int64("actor_id"), verb: verb,
                            actionObject: reference("action_object_type", "action_object_id"),
                            target: reference("target_type", "target_id"), unread: row.bool("unread"))
    }
}
