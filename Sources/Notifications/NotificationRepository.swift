/// Stores notifications, read by recipient, newest first.
public protocol NotificationRepository: Sendable {
    /// Stores a notification; one with the same id already stored makes this do nothing.
    /// Returns whether it was new.
    @discardableResult
    func insert(_ notification: Notification) async throws -> Bool
    /// One page of the recipient's notifications, newest first (only unread or only read ones
    /// when `unread` is given), and how many there are in all.
    func list(recipientID: Int64, unread: Bool?, offset: Int, limit: Int) async throws -> (total: Int, items: [Notification])
    /// How many of the recipient's notifications are unread.
    func unreadCount(recipientID: Int64) async throws -> Int
    /// Marks all the recipient's notifications read; returns how many changed.
    func markAllRead(recipientID: Int64) async throws -> Int
    /// Marks one of the recipient's notifications read or unread; nil when it is not theirs.
    func setUnread(_ unread: Bool, id: Int64, recipientID: Int64) async throws -> Notification?
}

/// The in-memory `NotificationRepository`.
public actor MemoryNotificationRepository: NotificationRepository {
    private var byID: [Int64: Notification] = [:]

    public init() {}

    public func insert(_ notification: Notification) -> Bool {
        guard byID[notification.id] == nil else { return false }
        byID[notification.id] = notification
        return true
    }

    public func list(recipientID: Int64, unread: Bool?, offset: Int, limit: Int) -> (total: Int, items: [Notification]) {
        let matching = byID.values
            .filter { $0.recipientID == recipientID && (unread == nil || $0.unread == unread) }
            .sorted { $0.id > $1.id }
        return (matching.count, Array(matching.dropFirst(offset).prefix(limit)))
    }

    public func unreadCount(recipientID: Int64) -> Int {
        byID.values.filter { $0.recipientID == recipientID && $0.unread }.count
    }

    public func markAllRead(recipientID: Int64) -> Int {
        var changed = 0
        for (id, notification) in byID where notification.recipientID == recipientID && notification.unread {
            byID[id]?.unread = false
            changed += 1
        }
        return changed
    }

    public func setUnread(_ unread: Bool, id: Int64, recipientID: Int64) -> Notification? {
        guard byID[id]?.recipientID == recipientID else { return nil }
        byID[id]?.unread = unread
        return byID[id]
    }
}
