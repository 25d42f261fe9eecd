import Accounts
import Friendships
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/friendships/{user_id}/`: follow, unfollow, followers, followings.
public struct FriendshipsController: Sendable {
    let friendships: any FriendshipRepository
    let users: any UserRepository
    let follow: Follow
    let rateLimits: RateLimitPolicy

    public init(friendships: any FriendshipRepository, users: any UserRepository, follow: Follow, rateLimits: RateLimitPolicy) {
        self.friendships = friendships
        self.users = users
        self.follow = follow
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        let group = router.group("api/friendships/:id")
        group.post("follow", use: followUser)
        group.post("unfollow", use: unfollowUser)
        group.get("followers", use: followers)
        group.get("followings", use: followings)
    }

    @Sendable func followUser(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.follow, context)
        let (followee, friendship) = try await follow.follow(try context.pathID(), by: viewer.userID)
        guard let friendship else { return try JSONBody.response(SuccessBody(duplicate: true), status: .created) }
        return try JSONBody.response(FriendshipJSON(user: UserJSON(followee), createdAt: friendship.createdAt, hasFollowed: true),
                                     status: .created)
    }

    @Sendable func unfollowUser(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.follow, context)
        let deleted = try await follow.unfollow(try context.pathID(), by: viewer.userID)
        return try JSONBody.response(SuccessBody(deleted: deleted ? 1 : 0))
    }

    @Sendable func followers(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await list(request, context) { try await friendships.followers(of: $0, page: $1).map { (userID: $0.fromUserID, createdAt: $0.createdAt) } }
    }

    @Sendable func followings(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await list(request, context) { try await friendships.followings(of: $0, page: $1).map { (userID: $0.toUserID, createdAt: $0.createdAt) } }
    }

    /// A page of `{"user", "created_at", "has_followed"}` in three round trips: the page, the
    /// users, and which of them the viewer follows.
    private func list(
        _ request: Request, _ context: StarlingRequestContext,
        rows: (Int64, PageRequest) async throws -> Page<(userID: Int64, createdAt: Int64)>
    ) async throws -> Response {
        try await rateLimits.check(.friendshipList, context)
        let userID = try context.pathID()
        let page = try QueryInput(request).page()
        guard try await users.user(id: userID) != nil else { throw StarlingError.notFound }
        let found = try await rows(userID, page)
        let ids = found.items.map(\.userID)
        let people = try await users.profiles(ids: ids)
        var followed: Set<Int64> = []
        if let viewer = context.viewer { followed = try await friendships.followed(by: viewer.userID, among: ids) }
        let results = found.items.compactMap { row -> FriendshipJSON? in
            guard let person = people[row.userID] else { return nil }
            return FriendshipJSON(user: UserJSON(person), createdAt: row.createdAt, hasFollowed: followed.contains(row.userID))
        }
        return try JSONBody.response(EndlessPage(hasNextPage: found.hasNextPage, results: results))
    }
}

/// `{"user", "created_at", "has_followed"}`.
struct FriendshipJSON: Encodable {
    let user: UserJSON
    let createdAt: Int64
    let hasFollowed: Bool

    enum CodingKeys: String, CodingKey {
        case user
        case createdAt = "created_at"
        case hasFollowed = "has_followed"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(hasFollowed, forKey: .hasFollowed)
    }
}

extension RateLimitRule {
    /// Follow and unfollow: 10/s per user.
    public static let follow = RateLimitRule(name: "follow", limits: [RateLimit(count: 10, seconds: 1)], scope: .user)
    /// Followers and followings lists: 3/s per user or client address.
    public static let friendshipList = RateLimitRule(
        name: "friendship_list", limits: [RateLimit(count: 3, seconds: 1)], scope: .userOrIP)
}
