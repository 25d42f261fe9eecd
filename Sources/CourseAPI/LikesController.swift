import Likes
import Comments
import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/likes/`: like and cancel a like of a tweet or comment.
public struct LikesController: Sendable {
    let users: any UserRepository
    let likeObject: LikeObject
    let rateLimits: RateLimitPolicy

    public init(users: any UserRepository, likeObject: LikeObject, rateLimits: RateLimitPolicy) {
        self.users = users
        self.likeObject = likeObject
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.post("api/likes", use: like)
        router.post("api/likes/cancel", use: cancel)
    }

    @Sendable func like(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.likes, context)
        let like = try await likeObject.like(try await target(request), by: viewer.userID)
        guard let user = try await users.user(id: viewer.userID) else { throw StarlingError.notAuthenticated }
        return JSONBody.response(writing: LikeJSON(user: UserJSON(user), createdAt: like.createdAt), status: .created)
    }

    @Sendable func cancel(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.likes, context)
        let deleted = try await likeObject.cancel(try await target(request), by: viewer.userID)
        return try JSONBody.response(SuccessBody(deleted: deleted ? 1 : 0))
    }

    private func target(_ request: Request) async throws -> LikeTarget {
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let contentType = input.text("content_type", errors: &errors)
        let objectID = input.integer("object_id", errors: &errors)
        return try LikeObject.target(contentType: contentType, objectID: objectID, errors: errors)
    }
}

/// `{"user", "created_at"}`.
struct LikeJSON: JSONWritable {
    let user: UserJSON
    let createdAt: Int64

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("user")
        writer.value(user)
        writer.key("created_at")
        writer.string(Timestamp.format(createdAt))
        writer.endObject()
    }
}

/// The `"likes"` of a tweet's detail: its newest likes with their users, in two round trips.
public struct LikesSection: TweetDetailSection {
    /// How many likes the detail shows.
    public static let limit = 100

    let likes: any LikeRepository
    let users: any UserRepository

    public init(likes: any LikeRepository, users: any UserRepository) {
        self.likes = likes
        self.users = users
    }

    public var name: String { "likes" }

    public func render(tweetID: Int64, viewer: Viewer?) async throws -> any JSONWritable {
        let found = try await likes.likes(of: LikeTarget(.tweet, tweetID), limit: Self.limit)
        let people = try await users.profiles(ids: found.map(\.userID))
        return found.compactMap { like in people[like.userID].map { LikeJSON(user: UserJSON($0), createdAt: like.createdAt) } }
    }
}

extension RateLimitRule {
    /// Likes and cancels: 10/s per user.
    public static let likes = RateLimitRule(name: "likes", limits: [RateLimit(count: 10, seconds: 1)], scope: .user)
}
