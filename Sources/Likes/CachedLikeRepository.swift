import Comments
import StarlingCore

/// A `LikeRepository` that reads a tweet's latest likes (the detail's `likes`) through the object
/// cache, and forgets them when they change — with the tweet, whose `likes_count` changed, and the
/// latest marks (`CachedViewerMarks`) of the user who liked or unliked it. A like or unlike of a
/// comment changes the comment's `likes_count`: its tweet's cached first page of comments
/// (`CachedCommentRepository`) is forgotten.
public struct CachedLikeRepository: LikeRepository {
    /// How many of a tweet's latest likes are cached: a longer list is read from the store.
    public static let latestLimit = 100

    let base: any LikeRepository
    let objects: ObjectCache
    /// Where a liked comment's tweet is found.
    let comments: any CommentRepository

    public init(_ base: any LikeRepository, objects: ObjectCache, comments: any CommentRepository) {
        self.base = base
        self.objects = objects
        self.comments = comments
    }

    public func like(_ like: Like, jobs: [Job]) async throws -> Like {
        let keys = try await cachedKeys(of: like.target, by: like.userID)
        let stored = try await base.like(like, jobs: jobs)
        if stored == like { await objects.invalidate(keys) }
        return stored
    }

    public func cancel(userID: Int64, target: LikeTarget) async throws -> Bool {
        let keys = try await cachedKeys(of: target, by: userID)
        let removed = try await base.cancel(userID: userID, target: target)
        if removed { await objects.invalidate(keys) }
        return removed
    }

    public func find(userID: Int64, target: LikeTarget) async throws -> Like? {
        try await base.find(userID: userID, target: target)
    }

    public func likes(of target: LikeTarget, limit: Int) async throws -> [Like] {
        guard target.type == .tweet, (1...Self.latestLimit).contains(limit) else { return try await base.likes(of: target, limit: limit) }
        let base = self.base
        let found = try await objects.fetch([target.id], kind: CacheKeys.tweetLikesKind) { _ in
            [target.id: LatestLikes(try await base.likes(of: target, limit: Self.latestLimit))]
        }
        return found[target.id]?.likes(of: target.id, limit: limit) ?? []
    }

    public func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64> {
        try await base.liked(by: userID, type: type, among: ids)
    }

    /// What a like or unlike of `target` by `userID` changes in the object cache. Found before
    /// the change, so that a store that cannot say (a comment's tweet) fails the request before
    /// anything is written, not after.
    private func cachedKeys(of target: LikeTarget, by userID: Int64) async throws -> [String] {
        switch target.type {
        case .tweet:
            return [CacheKeys.tweet(target.id), CacheKeys.tweetLikes(target.id), CacheKeys.viewerMarks(userID)]
        case .comment:
            guard let comment = try await comments.comment(id: target.id) else { return [] }
            return [CacheKeys.tweetComments(comment.tweetID)]
        default:
            return []
        }
    }
}
