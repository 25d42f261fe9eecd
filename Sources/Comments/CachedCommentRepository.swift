import StarlingCore

/// A `CommentRepository` that makes the object cache forget a tweet whose `comments_count` changed.
public struct CachedCommentRepository: CommentRepository {
    let base: any CommentRepository
    let objects: ObjectCache

    public init(_ base: any CommentRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func create(_ comment: Comment, jobs: [Job]) async throws {
        try await base.create(comment, jobs: jobs)
        await objects.invalidate([CacheKeys.tweet(comment.tweetID)])
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await base.comment(id: id)
    }

    public func comments(ids: [Int64]) async throws -> [Int64: Comment] {
        try await base.comments(ids: ids)
    }

    public func comments(tweetID: Int64, page: PageRequest) async throws -> Page<Comment> {
        try await base.comments(tweetID: tweetID, page: page)
    }

    public func update(id: Int64, content: String) async throws -> Comment? {
        try await base.update(id: id, content: content)
    }

    public func delete(id: Int64) async throws -> Bool {
        let comment = try await base.comment(id: id)
        let deleted = try await base.delete(id: id)
        if deleted, let comment { await objects.invalidate([CacheKeys.tweet(comment.tweetID)]) }
        return deleted
    }
}
