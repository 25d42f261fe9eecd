import Notifications
import PostgresNIO
import StarlingCore

/// `NotificationRepository` on PostgreSQL.
public struct PostgresNotificationRepository: NotificationRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func insert(_ notification: Notification) async throws -> Bool {
        let object = notification.actionObject, target = notification.target
        return try await !store.rows("""
            INSERT INTO notifications
                (id, recipient_id, actor_id, verb, action_object_type, action_object_id, target_type, target_id, unread)
            VALUES (\(notification.id), \(notification.recipientID), \(notification.actorID), \(notification.verb.rawValue),
                    \(object?.type.rawValue), \(object?.id), \(target?.type.rawValue), \(target?.id), \(notification.unread))
            ON CONFLICT DO NOTHING RETURNING id
            """).isEmpty
    }

    /// `unread` nil matches every notification of the recipient.
    public func list(recipientID: Int64, unread: Bool?, offset: Int, limit: Int) async throws -> (total: Int, items: [Notification]) {
        let total = try await store.rows("""
            SELECT COUNT(*) FROM notifications WHERE recipient_id = \(recipientID) AND (\(unread)::BOOLEAN IS NULL OR unread = \(unread))
            """).first?.decode(Int.self) ?? 0
        let rows = try await store.rows(Self.select("""
            WHERE recipient_id = \(recipientID) AND (\(unread)::BOOLEAN IS NULL OR unread = \(unread))
            ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
            """))
        return (total, try rows.compactMap(Self.decode))
    }

    public func unreadCount(recipientID: Int64) async throws -> Int {
        try await store.rows("SELECT COUNT(*) FROM notifications WHERE recipient_id = \(recipientID) AND unread")
            .first?.decode(Int.self) ?? 0
    }

    public func markAllRead(recipientID: Int64) async throws -> Int {
        try await store.rows("""
            WITH changed AS (UPDATE notifications SET unread = FALSE WHERE recipient_id = \(recipientID) AND unread RETURNING 1)
            SELECT COUNT(*) FROM changed
            """).first?.decode(Int.self) ?? 0
    }

    public func setUnread(_ unread: Bool, id: Int64, recipientID: Int64) async throws -> Notification? {
        try await store.rows("""
            UPDATE notifications SET unread = \(unread) WHERE id = \(id) AND recipient_id = \(recipientID)
            RETURNING id, recipient_id, actor_id, verb, action_object_type, action_object_id, target_type, target_id, unread
            """).first.flatMap(Self.decode)
    }

    /// Notifications filtered and ordered by `rest` (`WHERE …`).
    static func select(_ rest: PostgresQuery) -> PostgresQuery {
        PostgresQuery(head: """
            SELECT id, recipient_id, actor_id, verb, action_object_type, action_object_id, target_type, target_id, unread
            FROM notifications
            """, rest)
    }

    /// A row whose verb this binary does not know is left out.
    static func decode(_ row: PostgresRow) throws -> Notification? {
        let (id, recipientID, actorID, verb, objectType, objectID, targetType, targetID, unread) =
            try row.decode((Int64, Int64, Int64, String, String?, Int64?, String?, Int64?, Bool).self)
        guard let verb = Notification.Verb(rawValue: verb) else { return nil }
        func reference(_ type: String?, _ id: Int64?) -> Notification.Reference? {
            guard let kind = type.flatMap(ContentType.init(rawValue:)), let id else { return nil }
            return Notification.Reference(kind, id)
        }
        return Notification(id: id, recipientID: recipientID, actorID: actorID, verb: verb,
                            actionObject: reference(objectType, objectID), target: reference(targetType, targetID), unread: unread)
    }
}
