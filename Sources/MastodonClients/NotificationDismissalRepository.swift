/// Stores notification dismissals.
public protocol NotificationDismissalRepository: Sendable {
    /// The user's dismissals.
    func dismissals(userID: Int64) async throws -> NotificationDismissals
    /// Hides one notification.
    func dismiss(userID: Int64, notificationID: Int64) async throws
    /// Hides every notification up to and including `through`, and forgets single dismissals below it.
    func clear(userID: Int64, through: Int64) async throws
}
