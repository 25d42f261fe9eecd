import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/tweets/{id}/retweet/` and `/api/tweets/{id}/unretweet/`: Starling's retweets (not in
/// the course's API), behind the same login and rate limit rules as likes.
///
/// Retweeting answers the retweet (`retweet_of` holds the original): 201 when it was made, 200
/// when the user had retweeted that tweet already (the existing retweet; nothing changes).
/// Retweeting a retweet retweets its original; one's own tweets may be retweeted. Undoing answers
/// 200 with the original; not having retweeted it is a 400, an unknown tweet a 404 (both ways).
public struct RetweetsController: Sendable {
    let retweet: RetweetTweet
    let hydrate: HydrateTweets
    let rateLimits: RateLimitPolicy

    public init(retweet: RetweetTweet, hydrate: HydrateTweets, rateLimits: RateLimitPolicy) {
        self.retweet = retweet
        self.hydrate = hydrate
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.post("api/tweets/:id/retweet", use: create)
        router.post("api/tweets/:id/unretweet", use: undo)
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.retweets, context)
        let outcome = try await retweet(tweetID: try context.pathID(), by: viewer.userID)
        let json = try await render(outcome.retweet, viewerID: viewer.userID)
        return JSONBody.response(writing: json, status: outcome.created ? .created : .ok)
    }

    @Sendable func undo(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.retweets, context)
        let undone = try await retweet.undo(tweetID: try context.pathID(), by: viewer.userID)
        guard undone.removed != nil else { throw StarlingError.badRequest("You have not retweeted this tweet.") }
        return JSONBody.response(writing: try await render(undone.original, viewerID: viewer.userID))
    }

    /// The tweet as the viewer sees it; gone meanwhile (its original deleted) is a 404.
    private func render(_ tweet: Tweet, viewerID: Int64) async throws -> TweetJSON {
        guard let view = try await hydrate([tweet], viewerID: viewerID).first else { throw StarlingError.notFound }
        return TweetJSON(view)
    }
}

extension RateLimitRule {
    /// Retweets and their undoing: 10/s per user, as likes.
    public static let retweets = RateLimitRule(name: "retweets", limits: [RateLimit(count: 10, seconds: 1)], scope: .user)
}
