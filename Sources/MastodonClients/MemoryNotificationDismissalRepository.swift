/// The in-memory `NotificationDismissalRepository`.
public actor MemoryNotificationDismissalRepository: NotificationDismissalRepository {
    private var byUser: [Int64: NotificationDismissals] = [:]

    public init() {}

    public func dismissals(userID: Int64) -> NotificationDismissals {
        byUser[userID] ?? NotificationDismissals()
    }

    public func dismiss(userID: Int64, notificationID: Int64) {
        byUser[userID, default: NotificationDismissals()].dismissed.insert(notificationID)
    }

    public func clear(userID: Int64, through: Int64) {
        var state = byUser[userID] ?? NotificationDismissals()
        state.clearedThrough = max(state.clearedThrough, through)
        state.dismissed = state.dismissed.filter { $0 > state.clearedThrough }
        byUser[userID] = state
    }
}
