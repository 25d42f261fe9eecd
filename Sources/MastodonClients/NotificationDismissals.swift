/// What a user dismissed of their notifications through a Mastodon client: single ones, and
/// everything up to a point (clear). The notifications themselves stay for the course face.
public struct NotificationDismissals: Sendable, Equatable {
    /// Every notification with an id at or below this is cleared (0: none).
    public var clearedThrough: Int64
    /// Notifications dismissed one by one.
    public var dismissed: Set<Int64>

    public init(clearedThrough: Int64 = 0, dismissed: Set<Int64> = []) {
        self.clearedThrough = clearedThrough
        self.dismissed = dismissed
    }

    /// Whether the notification with this id is hidden.
    public func hides(_ id: Int64) -> Bool {
        id <= clearedThrough || dismissed.contains(id)
    }
}

/// Stores notification dismissals.
public protocol NotificationDismissalRepository: Sendable {
    /// The user's dismissals.
    func dismissals(userID: Int64) async throws -> NotificationDismissals
    /// Hides one notification.
    func dismiss(userID: Int64, notificationID: Int64) async throws
    /// Hides every notification up to and including `through`, and forgets single dismissals below it.
    func clear(userID: Int64, through: Int64) async throws
}

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
