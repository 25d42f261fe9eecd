import Accounts
import Comments
import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/comments/`: list a tweet's comments (paged, oldest first), post, edit, delete.
public struct CommentsController: Sendable {
    /// The default and largest page of comments.
    public static let pageSize = 100

    let comments: any CommentRepository
    let tweets: any TweetRepository
    let hydrate: HydrateComments
    let commentOnTweet: CommentOnTweet
    let rateLimits: RateLimitPolicy

    public init(comments: any CommentRepository, tweets: any TweetRepository, hydrate: HydrateComments,
                commentOnTweet: CommentOnTweet, rateLimits: RateLimitPolicy) {
        self.comments = comments
        self.tweets = tweets
        self.hydrate = hydrate
        self.commentOnTweet = commentOnTweet
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/comments", use: list)
        router.post("api/comments", use: create)
        router.put("api/comments/:id", use: update)
        router.patch("api/comments/:id", use: update)
        router.delete("api/comments/:id", use: destroy)
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let query = QueryInput(request)
        let tweetID = try query.requiredID("tweet_id")
        let page = try query.page(defaultLimit: Self.pageSize, maximumLimit: Self.pageSize, refreshLimit: nil)
        guard try await tweets.tweet(id: tweetID) != nil else { throw StarlingError.invalid("tweet_id", "Tweet does not exist.") }
        let found = try await comments.comments(tweetID: tweetID, page: page)
        let results = try await hydrate(found.items, viewerID: context.viewer?.userID).map(CommentJSON.init)
        return JSONBody.response(writing: CommentList(comments: results, hasNextPage: found.hasNextPage))
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.comments, context)
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let tweetID = input.integer("tweet_id", errors: &errors)
        let content = input.text("content", multiline: true, errors: &errors)
        try errors.check()
        let comment = try await commentOnTweet.post(tweetID: tweetID!, content: content!, by: viewer.userID)
        return JSONBody.response(writing: try await rendered(comment, viewer), status: .created)
    }

    @Sendable func update(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.comments, context)
        let id = try context.pathID()
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let content = input.text("content", multiline: true, errors: &errors)
        try errors.check()
        let comment = try await commentOnTweet.edit(commentID: id, content: content!, by: viewer.userID)
        return JSONBody.response(writing: try await rendered(comment, viewer))
    }

    @Sendable func destroy(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await rateLimits.check(.comments, context)
        try await commentOnTweet.delete(commentID: try context.pathID(), by: viewer.userID)
        return try JSONBody.response(SuccessBody())
    }

    private func rendered(_ comment: Comment, _ viewer: Viewer) async throws -> CommentJSON {
        guard let json = try await hydrate([comment], viewerID: viewer.userID).first.map(CommentJSON.init) else { throw StarlingError.notFound }
        return json
    }

    struct CommentList: JSONWritable {
        let comments: [CommentJSON]
        let hasNextPage: Bool

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.key("comments")
            writer.array(comments)
            writer.key("has_next_page")
            writer.bool(hasNextPage)
            writer.endObject()
        }
    }
}

/// The `"comments"` of a tweet's detail: its first page of comments, oldest first.
public struct CommentsSection: TweetDetailSection {
    let comments: any CommentRepository
    let hydrate: HydrateComments

    public init(comments: any CommentRepository, hydrate: HydrateComments) {
        self.comments = comments
        self.hydrate = hydrate
    }

    public var name: String { "comments" }

    public func render(tweetID: Int64, viewer: Viewer?) async throws -> any JSONWritable {
        let page = try await comments.comments(tweetID: tweetID, page: PageRequest(limit: CommentsController.pageSize))
        return try await hydrate(page.items, viewerID: viewer?.userID).map(CommentJSON.init)
    }
}

extension RateLimitRule {
    /// Posting, editing and deleting comments: 3/s per user.
    public static let comments = RateLimitRule(name: "comments", limits: [RateLimit(count: 3, seconds: 1)], scope: .user)
}
