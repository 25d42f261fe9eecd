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
