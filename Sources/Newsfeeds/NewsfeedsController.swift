import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/newsfeeds/`: the logged-in user's home feed.
public struct NewsfeedsController: Sendable {
    let newsfeeds: any NewsfeedRepository
    let tweets: any TweetRepository
    let renderer: TweetRenderer
    let rateLimits: RateLimitPolicy

    public init(newsfeeds: any NewsfeedRepository, tweets: any TweetRepository, renderer: TweetRenderer,
                rateLimits: RateLimitPolicy) {
        self.newsfeeds = newsfeeds
        self.tweets = tweets
        self.renderer = renderer
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/newsfeeds", use: list).rejectOtherMethods("api/newsfeeds", allowed: [.get])
    }

    /// A page in three round trips: the feed rows, the tweets, their authors. Rows whose tweet was
    /// deleted (before the clean-up job ran) are left out.
    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.newsfeed, context)
        let page = try QueryInput(request).page()
        let entries = try await newsfeeds.entries(owner: viewer.userID, page: page)
        let found = try await tweets.tweets(ids: entries.items.map(\.tweetID))
        let rendered = try await renderer.render(entries.items.compactMap { found[$0.tweetID] }, for: viewer)
        let results = rendered.map { NewsfeedItemJSON(tweet: $0) }
        return try JSONBody.response(EndlessPage(hasNextPage: entries.hasNextPage, results: results))
    }
}

/// `{"tweet", "created_at"}`: the feed row's time is the tweet's own.
struct NewsfeedItemJSON: Encodable, Sendable {
    let tweet: TweetJSON

    enum CodingKeys: String, CodingKey {
        case tweet
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tweet, forKey: .tweet)
        try container.encode(Timestamp.format(tweet.createdAt), forKey: .createdAt)
    }
}

extension RateLimitRule {
    /// Newsfeed: 5/s per user.
    public static let newsfeed = RateLimitRule(name: "newsfeed", limits: [RateLimit(count: 5, seconds: 1)], scope: .user)
}
