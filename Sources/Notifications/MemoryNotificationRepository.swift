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
