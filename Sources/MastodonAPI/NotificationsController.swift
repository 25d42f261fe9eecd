import Accounts
import Comments
import Hummingbird
import MastodonClients
import Notifications
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/v1/notifications…`: the course's notifications in Mastodon's types — `follow`,
/// `favourite` (a like), `mention` (a comment on your tweet, i.e. a reply to your status),
/// `reblog`. Dismissing and clearing hide them from Mastodon clients only.
struct NotificationsController: Sendable {
    let notifications: any NotificationRepository
    let dismissals: any NotificationDismissalRepository
    let users: any UserRepository
    let tweets: any TweetRepository
    let comments: any CommentRepository
    let statuses: StatusRenderer
    let ids: IDGenerator

    /// The most notifications read to answer one request.
    static let scanLimit = 2_000
    static let batch = 100

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.get("api/v1/notifications", use: list)
        router.post("api/v1/notifications/clear", use: clear)
        router.post("api/v1/notifications/dismiss", use: dismissByParameter)
        router.get("api/v1/notifications/:id", use: show)
        router.post("api/v1/notifications/:id/dismiss", use: dismiss)
    }

    /// A notification's Mastodon type and the post it is about.
    static func kind(_ notification: Notification) -> (type: String, post: Reference?) {
        switch notification.verb.rawValue {
        case "followed you": ("follow", nil)
        case "liked your tweet": ("favourite", notification.target.map { .tweet($0.id) })
        case "liked your comment": ("favourite", notification.target.map { .comment($0.id) })
        case "commented on your tweet": ("mention", notification.actionObject.map { .comment($0.id) })
        case "retweeted your tweet": ("reblog", notification.target.map { .tweet($0.id) })
        default: ("status", notification.target.flatMap { $0.type == .tweet ? .tweet($0.id) : nil })
        }
    }

    enum Reference: Hashable {
        case tweet(Int64)
        case comment(Int64)
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let input = MastodonParameters(query: request)
        let page = MastodonPage(input, defaultLimit: 40, maximumLimit: 80)
        let types = Set(input.strings("types"))
        let excluded = Set(input.strings("exclude_types"))
        let accountID = input.id("account_id")
        let bounds = page.request
        let found = try await scan(viewer.userID, want: bounds.limit) { notification in
            guard bounds.contains(notification.id) else { return false }
            let type = Self.kind(notification).type
            if !types.isEmpty, !types.contains(type) { return false }
            if excluded.contains(type) { return false }
            if let accountID, notification.actorID != accountID { return false }
            return true
        } stop: { notification in
            bounds.newerThan.map { notification.id <= $0 } ?? false
        }
        let chosen = page.cut(found)
        let base = BaseURL(request)
        let rendered = try await render(chosen, viewerID: viewer.userID, base: base)
        return try MastodonResponse.json(rendered, link: MastodonPage.link(request, base: base, firstID: chosen.first?.id,
                                                                              lastID: chosen.last?.id))
    }

    @Sendable func show(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.mastodonID()
        let found = try await scan(viewer.userID, want: 1) { $0.id == id } stop: { $0.id < id }
        guard let notification = found.first,
              let rendered = try await render([notification], viewerID: viewer.userID, base: BaseURL(request)).first
        else { throw StarlingError.notFound }
        return try MastodonResponse.json(rendered)
    }

    @Sendable func dismiss(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await dismissals.dismiss(userID: viewer.userID, notificationID: try context.mastodonID())
        return try MastodonResponse.json([String: String]())
    }

    @Sendable func dismissByParameter(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        guard let id = try await MastodonParameters.parse(request).id("id") else { throw StarlingError.notFound }
        try await dismissals.dismiss(userID: viewer.userID, notificationID: id)
        return try MastodonResponse.json([String: String]())
    }

    @Sendable func clear(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        // Every notification so far has an id below a fresh one: ids are times.
        try await dismissals.clear(userID: viewer.userID, through: ids.next())
        return try MastodonResponse.json([String: String]())
    }

    /// The user's visible notifications that `matches` accepts, newest first, until `want` plus
    /// one are found, `stop` says the rest are out of range, or `scanLimit` were read.
    private func scan(_ userID: Int64, want: Int, matches: (Notification) -> Bool,
                      stop: (Notification) -> Bool) async throws -> [Notification] {
        let hidden = try await dismissals.dismissals(userID: userID)
        var found: [Notification] = []
        var offset = 0
        while found.count <= want, offset < Self.scanLimit {
            let items = try await notifications.list(recipientID: userID, unread: nil, offset: offset, limit: Self.batch).items
            for notification in items {
                if stop(notification) { return found }
                if !hidden.hides(notification.id), matches(notification) { found.append(notification) }
            }
            guard items.count == Self.batch else { break }
            offset += items.count
        }
        return found
    }

    /// Notifications as Mastodon entities; one whose actor or post is gone is left out.
    private func render(_ list: [Notification], viewerID: Int64, base: BaseURL) async throws -> [NotificationJSON] {
        let kinds = list.map(Self.kind)
        // Constants, not variables filled in a loop: a variable captured by the `async let`s
        // below is refused ("sending … risks causing data races") when building with
        // `--sanitize=thread`.
        let tweetIDs = kinds.compactMap { kind -> Int64? in if case .tweet(let id)? = kind.post { id } else { nil } }
        let commentIDs = kinds.compactMap { kind -> Int64? in if case .comment(let id)? = kind.post { id } else { nil } }
        async let actors = users.profiles(ids: Array(Set(list.map(\.actorID))))
        async let foundTweets = tweets.tweets(ids: tweetIDs)
        async let foundComments = comments.comments(ids: commentIDs)
        let (tweetRows, commentRows) = try await (foundTweets, foundComments)
        let orderedTweets = tweetIDs.compactMap { tweetRows[$0] }
        let orderedComments = commentIDs.compactMap { commentRows[$0] }
        var posts: [Reference: StatusJSON] = [:]
        for status in try await statuses.render(tweets: orderedTweets, viewerID: viewerID, base: base) {
            if let id = Int64(status.id) { posts[.tweet(id)] = status }
        }
        for status in try await statuses.render(comments: orderedComments, viewerID: viewerID, base: base) {
            if let id = Int64(status.id) { posts[.comment(id)] = status }
        }
        let people = try await actors
        return zip(list, kinds).compactMap { notification, kind in
            guard let actor = people[notification.actorID] else { return nil }
            var status: StatusJSON?
            if let reference = kind.post {
                guard let post = posts[reference] else { return nil }
                status = post
            }
            return NotificationJSON(id: notification.id, type: kind.type, account: AccountJSON(actor, base: base), status: status)
        }
    }
}
