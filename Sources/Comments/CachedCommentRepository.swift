import StarlingCore

/// A `CommentRepository` that reads a tweet's first page of comments (the detail's `comments`)
/// through the object cache, and forgets it, with the tweet whose `comments_count` changed, when
/// a comment on the tweet is posted, edited or deleted. A like of a comment changes its
/// `likes_count`: `CachedLikeRepository` forgets the page then.
public struct CachedCommentRepository: CommentRepository {
    /// How many of a tweet's first comments are cached: a longer first page is read from the store.
    public static let latestLimit = 100

    let base: any CommentRepository
    let objects: ObjectCache

    public init(_ base: any CommentRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func create(_ comment: Comment, jobs: [Job]) async throws {
        try await base.create(comment, jobs: jobs)
        await forget(tweetID: comment.tweetID)
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await base.comment(id: id)
    }

    public func comments(ids: [Int64]) async throws -> [Int64: Comment] {
        try await base.comments(ids: ids)
    }

    public func comments(tweetID: Int64, page: PageRequest) async throws -> Page<Comment> {
        guard page.olderThan == nil, page.newerThan == nil, (1...Self.latestLimit).contains(page.limit) else {
            return try await base.comments(tweetID: tweetID, page: page)
        }
        let base = self.base
        let found = try await objects.fetch([tweetID], kind: CacheKeys.tweetCommentsKind) { _ in
            [tweetID: LatestComments(try await base.comments(tweetID: tweetID, page: PageRequest(limit: Self.latestLimit)))]
        }
        return found[tweetID]?.first(page.limit) ?? Page(items: [], hasNextPage: false)
    }

    public func update(id: Int64, content: String) async throws -> Comment? {
        let updated = try await base.update(id: id, content: content)
        if let updated { await objects.invalidate([CacheKeys.tweetComments(updated.tweetID)]) }
        return updated
    }

    public func delete(id: Int64) async throws -> Bool {
        let comment = try await base.comment(id: id)
        let deleted = try await base.delete(id: id)
        if deleted, let comment { await forget(tweetID: comment.tweetID) }
        return deleted
    }

    private func forget(tweetID: Int64) async {
        await objects.invalidate([CacheKeys.tweet(tweetID), CacheKeys.tweetComments(tweetID)])
    }
}
