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
