import Accounts
import Hummingbird
import Media
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/tweets/`: post, list by user, detail, delete.
public struct TweetsController: Sendable {
    let tweets: any TweetRepository
    let users: any UserRepository
    let hydrate: HydrateTweets
    let readTimeline: ReadTimeline
    let post: PostTweet
    let delete: DeleteTweet
    let rateLimits: RateLimitPolicy
    let sections: [any TweetDetailSection]

    public init(tweets: any TweetRepository, users: any UserRepository, hydrate: HydrateTweets, readTimeline: ReadTimeline,
                post: PostTweet, delete: DeleteTweet, rateLimits: RateLimitPolicy, sections: [any TweetDetailSection] = []) {
        self.tweets = tweets
        self.users = users
        self.hydrate = hydrate
        self.readTimeline = readTimeline
        self.post = post
        self.delete = delete
        self.rateLimits = rateLimits
        self.sections = sections
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
        async let marksAhead = hydrate.marksAhead(of: context.viewer?.userID)
        let page = try await readTimeline(userID: userID, page: try query.page())
        let results = try await hydrate(page.items, viewerID: context.viewer?.userID, marksAhead: await marksAhead).map(TweetJSON.init)
        return JSONBody.response(writing: EndlessPage(hasNextPage: page.hasNextPage, results: results))
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.tweetCreate, context)
        let input = try await RequestInput.parse(request, maxBytes: post.maximumUploadBytes)
        var errors = FieldErrors()
        let content = input.text("content", multiline: true, errors: &errors)
        try errors.check()
        let photos = (input.files["files"] ?? []).map(ImageUpload.init)
        let tweet = try await post(authorID: viewer.userID, content: content!, photos: photos)
        // It carries its photo keys and nobody has liked it yet: only its author is read.
        guard let author = try await users.user(id: viewer.userID) else { throw StarlingError.notFound }
        return JSONBody.response(writing: TweetJSON(tweet, author: author), status: .created)
    }

    @Sendable func detail(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.tweetDetail, context)
        let id = try context.pathID()
        guard let tweet = try await tweets.tweet(id: id),
              let view = try await hydrate([tweet], viewerID: context.viewer?.userID).first
        else { throw StarlingError.notFound }
        var parts: [(name: String, value: any JSONWritable)] = []
        for section in sections {
            parts.append((section.name, try await section.render(tweetID: id, viewer: context.viewer)))
        }
        return JSONBody.response(writing: TweetDetailJSON(tweet: TweetJSON(view), sections: parts))
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
