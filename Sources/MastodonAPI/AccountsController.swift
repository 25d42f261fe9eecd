import Accounts
import Friendships
import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/v1/accounts/…` and `/api/v2/search`: who users are, whom they follow, following them.
struct AccountsController: Sendable {
    let users: any UserRepository
    let friendships: any FriendshipRepository
    let follow: Follow
    let counts: FollowCounts
    let readTimeline: ReadTimeline
    let statuses: StatusRenderer

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        // Literal segments before `:id`.
        router.get("api/v1/accounts/verify_credentials", use: verifyCredentials)
        router.get("api/v1/accounts/lookup", use: lookup)
        router.get("api/v1/accounts/search", use: search)
        router.get("api/v1/accounts/relationships", use: relationships)
        router.get("api/v2/search", use: searchV2)
        router.get("api/v1/accounts/:id", use: account)
        router.get("api/v1/accounts/:id/statuses", use: accountStatuses)
        router.get("api/v1/accounts/:id/followers", use: followers)
        router.get("api/v1/accounts/:id/following", use: following)
        router.post("api/v1/accounts/:id/follow", use: followAccount)
        router.post("api/v1/accounts/:id/unfollow", use: unfollowAccount)
    }

    /// The user as an Account, with their follow counts.
    func render(_ user: User, base: BaseURL, withSource: Bool = false) async throws -> AccountJSON {
        AccountJSON(user, counts: try await counts.counts(userID: user.id), base: base, withSource: withSource)
    }

    @Sendable func verifyCredentials(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        guard let user = try await users.user(id: viewer.userID) else { throw StarlingError.notAuthenticated }
        return try MastodonResponse.json(try await render(user, base: BaseURL(request), withSource: true))
    }

    @Sendable func account(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        guard let user = try await users.user(id: try context.mastodonID()) else { throw StarlingError.notFound }
        return try MastodonResponse.json(try await render(user, base: BaseURL(request)))
    }

    @Sendable func lookup(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        guard let user = try await find(MastodonParameters(query: request).string("acct"), request: request) else {
            throw StarlingError.notFound
        }
        return try MastodonResponse.json(try await render(user, base: BaseURL(request)))
    }

    @Sendable func search(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let found = try await find(MastodonParameters(query: request).string("q"), request: request)
        let base = BaseURL(request)
        var accounts: [AccountJSON] = []
        if let found { accounts.append(try await render(found, base: base)) }
        return try MastodonResponse.json(accounts)
    }

    @Sendable func searchV2(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let input = MastodonParameters(query: request)
        var accounts: [AccountJSON] = []
        if input.string("type") == nil || input.string("type") == "accounts",
           let found = try await find(input.string("q"), request: request) {
            accounts.append(try await render(found, base: BaseURL(request)))
        }
        return try MastodonResponse.json(SearchResults(accounts: accounts))
    }

    /// The local user an `acct` (`name`, `@name`, `name@this-host`) or search query names exactly.
    private func find(_ text: String?, request: Request) async throws -> User? {
        guard var name = text?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty, name.utf8.count <= 300 else { return nil }
        if name.hasPrefix("@") { name.removeFirst() }
        if let at = name.firstIndex(of: "@") {
            let domain = name[name.index(after: at)...]
            guard domain == BaseURL(request).authority.lowercased() || domain == "localhost" else { return nil }
            name = String(name[..<at])
        }
        guard name.count <= 30, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        return try await users.user(username: name)
    }

    @Sendable func accountStatuses(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let userID = try context.mastodonID()
        guard try await users.user(id: userID) != nil else { throw StarlingError.notFound }
        let input = MastodonParameters(query: request)
        let page = MastodonPage(input)
        let base = BaseURL(request)
        // Pinned statuses do not exist here; only media: none are filtered out of photo-less tweets below.
        if input.bool("pinned") == true { return try MastodonResponse.json([StatusJSON]()) }
        let read = page.cut(try await readTimeline(userID: userID, page: page.request).items)
        var tweets = read
        if input.bool("only_media") == true { tweets = tweets.filter { !$0.photoKeys.isEmpty } }
        if input.bool("exclude_reblogs") == true { tweets = tweets.filter { $0.retweetOf == nil } }
        let rendered = try await statuses.render(tweets: tweets, viewerID: context.viewer?.userID, base: base)
        return try MastodonResponse.json(rendered, link: MastodonPage.link(request, base: base, firstID: read.first?.id, lastID: read.last?.id))
    }

    @Sendable func followers(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await friends(request, context: context) { try await friendships.followers(of: $0, page: $1).items.map { ($0.id, $0.fromUserID) } }
    }

    @Sendable func following(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await friends(request, context: context) { try await friendships.followings(of: $0, page: $1).items.map { ($0.id, $0.toUserID) } }
    }

    /// A page of followers or followings; the cursors are the friendships' ids.
    private func friends(_ request: Request, context: StarlingRequestContext,
                         read: (Int64, PageRequest) async throws -> [(cursor: Int64, userID: Int64)]) async throws -> Response {
        let userID = try context.mastodonID()
        guard try await users.user(id: userID) != nil else { throw StarlingError.notFound }
        let page = MastodonPage(MastodonParameters(query: request), defaultLimit: 40, maximumLimit: 80)
        let rows = page.cut(try await read(userID, page.request))
        let found = try await users.profiles(ids: rows.map(\.userID))
        let base = BaseURL(request)
        var accounts: [AccountJSON] = []
        for row in rows {
            if let user = found[row.userID] { accounts.append(try await render(user, base: base)) }
        }
        return try MastodonResponse.json(accounts, link: MastodonPage.link(request, base: base, firstID: rows.first?.cursor,
                                                                              lastID: rows.last?.cursor))
    }

    @Sendable func followAccount(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.mastodonID()
        guard id != viewer.userID else { throw StarlingError.forbidden("You cannot follow yourself.") }
        _ = try await follow.follow(id, by: viewer.userID)
        return try MastodonResponse.json(try await relationship(viewer.userID, id))
    }

    @Sendable func unfollowAccount(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.mastodonID()
        guard id != viewer.userID else { throw StarlingError.forbidden("You cannot unfollow yourself.") }
        _ = try await follow.unfollow(id, by: viewer.userID)
        return try MastodonResponse.json(try await relationship(viewer.userID, id))
    }

    @Sendable func relationships(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let ids = MastodonParameters(query: request).strings("id").prefix(40).compactMap { text in
            text.utf8.count <= 19 ? Int64(text) : nil
        }
        let following = try await friendships.followed(by: viewer.userID, among: ids)
        var answer: [RelationshipJSON] = []
        for id in ids {
            let followedBy = try await friendships.followed(by: id, among: [viewer.userID]).contains(viewer.userID)
            answer.append(RelationshipJSON(id: String(id), following: following.contains(id), followedBy: followedBy))
        }
        return try MastodonResponse.json(answer)
    }

    private func relationship(_ viewerID: Int64, _ otherID: Int64) async throws -> RelationshipJSON {
        async let following = friendships.followed(by: viewerID, among: [otherID])
        async let followedBy = friendships.followed(by: otherID, among: [viewerID])
        return RelationshipJSON(id: String(otherID), following: try await following.contains(otherID),
                                followedBy: try await followedBy.contains(viewerID))
    }
}

/// `/api/v2/search`'s answer.
struct SearchResults: Encodable, Sendable {
    var accounts: [AccountJSON]
    var statuses: [StatusJSON] = []
    var hashtags: [String] = []
}
