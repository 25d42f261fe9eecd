import Comments
import HTTPTypes
import Hummingbird
import Likes
import MastodonClients
import Media
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/v1/statuses…`: posting (a tweet, or with `in_reply_to_id` a comment), reading, deleting,
/// the thread (`/context`), favourites (likes).
struct StatusesController: Sendable {
    let statuses: StatusRenderer
    let postTweet: PostTweet
    let deleteTweet: DeleteTweet
    let commentOnTweet: CommentOnTweet
    let likeObject: LikeObject
    let retweetTweet: RetweetTweet
    let comments: any CommentRepository
    let idempotencyKeys: any IdempotencyKeyRepository
    let pending: PendingMedia
    let images: StoreImages
    let blobs: any BlobStore
    let rateLimits: RateLimitPolicy

    /// The most replies `/context` lists.
    static let maximumDescendants = 400

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.post("api/v1/statuses", use: create)
        router.get("api/v1/statuses/:id", use: show)
        router.delete("api/v1/statuses/:id", use: destroy)
        router.get("api/v1/statuses/:id/context", use: context)
        router.post("api/v1/statuses/:id/favourite", use: favourite)
        router.post("api/v1/statuses/:id/unfavourite", use: unfavourite)
        router.post("api/v1/statuses/:id/reblog", use: reblog)
        router.post("api/v1/statuses/:id/unreblog", use: unreblog)
    }

    @Sendable func create(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let base = BaseURL(request)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].map { String($0.prefix(200)) }
        if let key, let earlier = try await idempotencyKeys.statusID(userID: viewer.userID, key: key),
           let found = try? await statuses.status(id: earlier, viewerID: viewer.userID, base: base) {
            return try MastodonResponse.json(found.0)
        }
        try await rateLimits.check(.mastodonStatusCreate, context)
        let input = try await MastodonParameters.parse(request)
        let text = input.string("status") ?? ""
        let mediaIDs = input.strings("media_ids").filter { !$0.isEmpty }
        let post: StatusRenderer.Post
        if let replyTo = input.string("in_reply_to_id"), !replyTo.isEmpty {
            guard mediaIDs.isEmpty else { throw StarlingError.invalid("media_ids", "A reply cannot carry media here.") }
            guard replyTo.utf8.count <= 19, let id = Int64(replyTo), let parent = try await statuses.post(id: id) else {
                throw StarlingError.notFound
            }
            // A reply is a comment on the tweet; a reply to a reply joins the same tweet's comments.
            let tweetID: Int64
            switch parent {
            case .tweet(let tweet): tweetID = tweet.id
            case .comment(let comment): tweetID = comment.tweetID
            }
            post = .comment(try await commentOnTweet.post(tweetID: tweetID, content: text, by: viewer.userID))
        } else {
            post = .tweet(try await postWithMedia(text: text, mediaIDs: mediaIDs, userID: viewer.userID))
        }
        let id: Int64 = switch post {
        case .tweet(let tweet): tweet.id
        case .comment(let comment): comment.id
        }
        if let key {
            _ = try await idempotencyKeys.record(userID: viewer.userID, key: key, statusID: id, createdAt: id)
        }
        guard let status = try await statuses.render(post, viewerID: viewer.userID, base: base).first else { throw StarlingError.notFound }
        return try MastodonResponse.json(status)
    }

    /// Posts a tweet with the uploads named by `mediaIDs` (the viewer's own, still pending).
    private func postWithMedia(text: String, mediaIDs: [String], userID: Int64) async throws -> Tweet {
        guard mediaIDs.count <= PostTweet.maximumPhotos else {
            throw StarlingError.invalid("media_ids", "Too many attachments (at most \(PostTweet.maximumPhotos)).")
        }
        var uploads: [ImageUpload] = []
        var ids: [Int64] = []
        var keys: [String] = []
        for text in mediaIDs {
            guard text.utf8.count <= 19, let id = Int64(text), let item = await pending.item(id: id, userID: userID),
                  let data = try await blobs.get(item.key)
            else { throw StarlingError.invalid("media_ids", "Unknown media id \(text.prefix(20)).") }
            uploads.append(ImageUpload(filename: nil, data: data))
            ids.append(id)
            keys.append(item.key)
        }
        let tweet = try await postTweet(authorID: userID, content: text, photos: uploads)
        await pending.remove(ids)
        await images.discard(keys)
        return tweet
    }

    @Sendable func show(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let (status, _) = try await statuses.status(id: try context.mastodonID(), viewerID: context.viewer?.userID, base: BaseURL(request))
        return try MastodonResponse.json(status)
    }

    @Sendable func destroy(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let base = BaseURL(request)
        guard let post = try await statuses.post(id: try context.mastodonID()) else { throw StarlingError.notFound }
        guard post.authorID == viewer.userID else { throw StarlingError.forbidden("This action is not allowed") }
        guard let status = try await statuses.render(post, viewerID: viewer.userID, base: base, includeText: true).first else {
            throw StarlingError.notFound
        }
        switch post {
        case .tweet(let tweet): try await deleteTweet(tweetID: tweet.id, by: viewer.userID)
        case .comment(let comment): try await commentOnTweet.delete(commentID: comment.id, by: viewer.userID)
        }
        return try MastodonResponse.json(status)
    }

    @Sendable func context(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let base = BaseURL(request)
        let viewerID = context.viewer?.userID
        guard let post = try await statuses.post(id: try context.mastodonID()) else { throw StarlingError.notFound }
        switch post {
        case .tweet(let tweet):
            var replies: [Comment] = []
            var page = PageRequest(limit: 100)
            while replies.count < Self.maximumDescendants {
                let found = try await comments.comments(tweetID: tweet.id, page: page)
                replies += found.items
                guard found.hasNextPage, let last = found.items.last else { break }
                page = PageRequest(newerThan: last.id, limit: 100)
            }
            let descendants = try await statuses.render(comments: replies, viewerID: viewerID, base: base)
            return try MastodonResponse.json(ThreadContext(ancestors: [], descendants: descendants))
        case .comment(let comment):
            var ancestors: [StatusJSON] = []
            if let tweet = try await statuses.post(id: comment.tweetID) {
                ancestors = try await statuses.render(tweet, viewerID: viewerID, base: base)
            }
            return try MastodonResponse.json(ThreadContext(ancestors: ancestors, descendants: []))
        }
    }

    @Sendable func favourite(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await like(request, context: context, liking: true)
    }

    @Sendable func unfavourite(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await like(request, context: context, liking: false)
    }

    private func like(_ request: Request, context: StarlingRequestContext, liking: Bool) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.mastodonID()
        guard let post = try await statuses.post(id: id) else { throw StarlingError.notFound }
        let target: LikeTarget = switch post {
        case .tweet: LikeTarget(.tweet, id)
        case .comment: LikeTarget(.comment, id)
        }
        if liking { _ = try await likeObject.like(target, by: viewer.userID) } else { _ = try await likeObject.cancel(target, by: viewer.userID) }
        let (status, _) = try await statuses.status(id: id, viewerID: viewer.userID, base: BaseURL(request))
        return try MastodonResponse.json(status)
    }
}

extension StatusesController {
    /// The tweet a reblog request names: a reblog of a reblog reblogs its original; a reply
    /// (comment) cannot be reblogged.
    private func originalID(_ id: Int64) async throws -> Int64 {
        guard let post = try await statuses.post(id: id) else { throw StarlingError.notFound }
        guard case .tweet(let tweet) = post else { throw StarlingError.invalid("id", "Replies cannot be reblogged here.") }
        return tweet.retweetOf ?? tweet.id
    }

    /// A new status whose `reblog` is the original (the existing one when already reblogged).
    @Sendable func reblog(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let outcome = try await retweetTweet(tweetID: try await originalID(try context.mastodonID()), by: viewer.userID)
        guard let status = try await statuses.render(tweets: [outcome.retweet], viewerID: viewer.userID, base: BaseURL(request)).first else {
            throw StarlingError.notFound
        }
        return try MastodonResponse.json(status)
    }

    /// The original status, no longer reblogged by the viewer.
    @Sendable func unreblog(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let undone = try await retweetTweet.undo(tweetID: try await originalID(try context.mastodonID()), by: viewer.userID)
        guard let status = try await statuses.render(tweets: [undone.original], viewerID: viewer.userID, base: BaseURL(request)).first else {
            throw StarlingError.notFound
        }
        return try MastodonResponse.json(status)
    }
}

/// `/context`'s answer.
struct ThreadContext: Encodable, Sendable {
    var ancestors: [StatusJSON]
    var descendants: [StatusJSON]
}

extension RateLimitRule {
    /// Posting statuses through the Mastodon face: Mastodon's 300 per 3 hours per user.
    public static let mastodonStatusCreate = RateLimitRule(name: "mastodon_status_create",
                                                           limits: [RateLimit(count: 300, seconds: 10_800)], scope: .user)
}
