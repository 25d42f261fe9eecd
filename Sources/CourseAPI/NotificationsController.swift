import Notifications
import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/notifications/`: the logged-in user's notifications.
public struct NotificationsController: Sendable {
    /// Notifications per page.
    public static let pageSize = 20

    let notifications: any NotificationRepository
    let users: any UserRepository
    let rateLimits: RateLimitPolicy

    public init(notifications: any NotificationRepository, users: any UserRepository, rateLimits: RateLimitPolicy) {
        self.notifications = notifications
        self.users = users
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/notifications", use: list)
        router.get("api/notifications/unread-count", use: unreadCount)
        router.post("api/notifications/mark-all-as-read", use: markAllRead)
        router.put("api/notifications/:id", use: update)
        router.patch("api/notifications/:id", use: update)
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let query = QueryInput(request)
        var errors = FieldErrors()
        var unread: Bool?
        if let text = query.values["unread"] {
            unread = RequestInput(values: ["unread": .string(text)]).boolean("unread", errors: &errors)
        }
        let page = query.pageNumber(errors: &errors)
        try errors.check()
        let (total, items) = try await notifications.list(recipientID: viewer.userID, unread: unread,
                                                          offset: page.offset(pageSize: Self.pageSize), limit: Self.pageSize)
        return try JSONBody.response(NumberedPage(page: page, pageSize: Self.pageSize, count: total, results: try await render(items),
                                                  base: "http://\(request.head.authority ?? "localhost")/api/notifications/",
                                                  filter: unread.map { "unread=\($0)&" } ?? ""))
    }

    @Sendable func unreadCount(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.notificationCounters, context)
        return try JSONBody.response(["unread_count": try await notifications.unreadCount(recipientID: viewer.userID)])
    }

    @Sendable func markAllRead(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.notificationCounters, context)
        return try JSONBody.response(["marked_count": try await notifications.markAllRead(recipientID: viewer.userID)])
    }

    @Sendable func update(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.pathID()
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let unread = input.boolean("unread", errors: &errors)
        try errors.check()
        guard let notification = try await notifications.setUnread(unread!, id: id, recipientID: viewer.userID) else {
            throw StarlingError.notFound  // another user's notification is not revealed
        }
        guard let json = try await render([notification]).first else { throw StarlingError.notFound }
        return try JSONBody.response(json)
    }

    /// Notifications with their actors, in one round trip for the users.
    private func render(_ items: [Notification]) async throws -> [NotificationJSON] {
        let actors = try await users.profiles(ids: Array(Set(items.map(\.actorID))))
        return items.map { NotificationJSON($0, actor: actors[$0.actorID]) }
    }
}

extension RateLimitRule {
    /// Unread count and mark-all-as-read: 3/s per user.
    public static let notificationCounters = RateLimitRule(
        name: "notification_counters", limits: [RateLimit(count: 3, seconds: 1)], scope: .user)
}
