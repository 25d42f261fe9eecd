import Hummingbird
import Newsfeeds
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/newsfeeds/`: the logged-in user's home feed.
public struct NewsfeedsController: Sendable {
    let read: ReadNewsfeed
    let tweets: any TweetRepository
    let hydrate: HydrateTweets
    let rateLimits: RateLimitPolicy

    public init(read: ReadNewsfeed, tweets: any TweetRepository, hydrate: HydrateTweets, rateLimits: RateLimitPolicy) {
        self.read = read
        self.tweets = tweets
        self.hydrate = hydrate
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/newsfeeds", use: list)
    }

    /// A page in a constant number of round trips: the feed's ids (from the feed cache) with the
    /// viewer's recent marks beside them, the tweets (object cache, store for misses), then the
    /// authors (and the marks, when the page lies below what was read ahead).
    /// Ids whose tweet was deleted (before the clean-up job ran) are left out.
    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.newsfeed, context)
        let page = try QueryInput(request).page()
        async let marksAhead = hydrate.marksAhead(of: viewer.userID)
        let ids = try await read(owner: viewer.userID, page: page)
        let found = try await tweets.tweets(ids: ids.items)
        let views = try await hydrate(ids.items.compactMap { found[$0] }, viewerID: viewer.userID, marksAhead: await marksAhead)
        let results = views.map { NewsfeedItemJSON(tweet: TweetJSON($0)) }
        return JSONBody.response(writing: EndlessPage(hasNextPage: ids.hasNextPage, results: results))
    }
}

/// `{"tweet", "created_at"}`: the feed row's time is the tweet's own.
struct NewsfeedItemJSON: Sendable {
    let tweet: TweetJSON
}

extension RateLimitRule {
    /// Newsfeed: 5/s per user.
    public static let newsfeed = RateLimitRule(name: "newsfeed", limits: [RateLimit(count: 5, seconds: 1)], scope: .user)
}

extension NewsfeedItemJSON: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("tweet")
        writer.value(tweet)
        writer.key("created_at")
        writer.encoded(tweet.fragment.createdAt)
        writer.endObject()
    }
}
