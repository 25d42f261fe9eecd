import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/tweets/`: post, list by user, detail, delete.
public struct TweetsController: Sendable {
    let tweets: any TweetRepository
    let users: any UserRepository
    let renderer: TweetRenderer
    let post: PostTweet
    let delete: DeleteTweet
    let rateLimits: RateLimitPolicy

    public init(tweets: any TweetRepository, users: any UserRepository, renderer: TweetRenderer,
                ids: IDGenerator, rateLimits: RateLimitPolicy, jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.users = users
        self.renderer = renderer
        self.post = PostTweet(tweets: tweets, ids: ids, jobsRecorded: jobsRecorded)
        self.delete = DeleteTweet(tweets: tweets, ids: ids, jobsRecorded: jobsRecorded)
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/tweets", use: list)
        router.post("api/tweets", use: create)
        router.rejectOtherMethods("api/tweets", allowed: [.get, .post])
        router.get("api/tweets/:id", use: detail)
        router.delete("api/tweets/:id", use: destroy)
        router.rejectOtherMethods("api/tweets/:id", allowed: [.get, .delete])
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let query = QueryInput(request)
        let userID = try query.requiredID("user_id")
        let page = try query.page()
        guard try await users.user(id: userID) != nil else { throw StarlingError.invalid("user_id", "User does not exist.") }
        let found = try await tweets.tweets(userID: userID, page: page)
        let results = try await renderer.render(found.items, for: context.viewer)
        return try JSONBody.response(EndlessPage(hasNextPage: found.hasNextPage, results: results))
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.tweetCreate, context)
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let content = input.text("content", errors: &errors)
        try errors.check()
        let tweet = try await post(authorID: viewer.userID, content: content!)
        guard let json = try await renderer.render([tweet], for: viewer).first else { throw StarlingError.notFound }
        return try JSONBody.response(json, status: .created)
    }

    @Sendable func detail(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.tweetDetail, context)
        let id = try context.pathID()
        guard let tweet = try await tweets.tweet(id: id),
              let json = try await renderer.render([tweet], for: context.viewer).first
        else { throw StarlingError.notFound }
        return try JSONBody.response(TweetDetailJSON(tweet: json, comments: [], likes: []))
    }

    @Sendable func destroy(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await delete(tweetID: try context.pathID(), by: viewer.userID)
        return try JSONBody.response(SuccessBody())
    }
}

/// A tweet with its comments and likes, as the detail endpoint shows it.
struct TweetDetailJSON: Encodable {
    let tweet: TweetJSON
    let comments: [String]
    let likes: [String]

    enum CodingKeys: String, CodingKey { case comments, likes }

    func encode(to encoder: any Encoder) throws {
        try tweet.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(comments, forKey: .comments)
        try container.encode(likes, forKey: .likes)
    }
}

extension RateLimitRule {
    /// Posting: 1/s and 5/min per user.
    public static let tweetCreate = RateLimitRule(
        name: "tweet_create", limits: [RateLimit(count: 1, seconds: 1), RateLimit(count: 5, seconds: 60)], scope: .user)
    /// Tweet detail: 5/s per user or client address.
    public static let tweetDetail = RateLimitRule(
        name: "tweet_detail", limits: [RateLimit(count: 5, seconds: 1)], scope: .userOrIP)
}
