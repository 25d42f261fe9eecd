import Accounts
import Hummingbird
import Media
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
    let sections: [any TweetDetailSection]
    let maximumBodyBytes: Int
    let timelines: CachedListReader

    public init(tweets: any TweetRepository, users: any UserRepository, renderer: TweetRenderer, images: StoreImages,
                feedCache: any FeedCache, timelines: CachedListReader, ids: IDGenerator, rateLimits: RateLimitPolicy,
                sections: [any TweetDetailSection] = [], jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.users = users
        self.renderer = renderer
        self.sections = sections
        self.timelines = timelines
        self.maximumBodyBytes = PostTweet.maximumPhotos * images.maximumBytes + (1 << 20)
        self.post = PostTweet(tweets: tweets, images: images, feedCache: feedCache, ids: ids, jobsRecorded: jobsRecorded)
        self.delete = DeleteTweet(tweets: tweets, feedCache: feedCache, ids: ids, jobsRecorded: jobsRecorded)
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/tweets", use: list)
        router.post("api/tweets", use: create)
        router.get("api/tweets/:id", use: detail)
        router.delete("api/tweets/:id", use: destroy)
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let query = QueryInput(request)
        let userID = try query.requiredID("user_id")
        let page = try query.page()
        guard try await users.user(id: userID) != nil else { throw StarlingError.invalid("user_id", "User does not exist.") }
        let tweets = self.tweets
        let ids = try await timelines.page(CacheKeys.timeline(userID), page) {
            try await tweets.tweets(userID: userID, page: $0).map(\.id)
        }
        let found = try await tweets.tweets(ids: ids.items)
        let results = try await renderer.render(ids.items.compactMap { found[$0] }, for: context.viewer)
        return JSONBody.response(writing: EndlessPage(hasNextPage: ids.hasNextPage, results: results))
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.tweetCreate, context)
        let input = try await RequestInput.parse(request, maxBytes: maximumBodyBytes)
        var errors = FieldErrors()
        let content = input.text("content", multiline: true, errors: &errors)
        try errors.check()
        let tweet = try await post(authorID: viewer.userID, content: content!, photos: input.files["files"] ?? [])
        // It carries its photo keys and nobody has liked it yet: only its author is read.
        guard let author = try await users.user(id: viewer.userID) else { throw StarlingError.notFound }
        return try JSONBody.response(TweetJSON(tweet, author: author), status: .created)
    }

    @Sendable func detail(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.tweetDetail, context)
        let id = try context.pathID()
        guard let tweet = try await tweets.tweet(id: id),
              let json = try await renderer.render([tweet], for: context.viewer).first
        else { throw StarlingError.notFound }
        var parts: [(name: String, value: AnyEncodable)] = []
        for section in sections {
            parts.append((section.name, try await section.render(tweetID: id, viewer: context.viewer)))
        }
        return try JSONBody.response(TweetDetailJSON(tweet: json, sections: parts))
    }

    @Sendable func destroy(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await delete(tweetID: try context.pathID(), by: viewer.userID)
        return try JSONBody.response(SuccessBody())
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
