import StarlingCore

/// A `LikeRepository` that reads a tweet's latest likes (the detail's `likes`) through the object
/// cache, and forgets them when they change — with the tweet, whose `likes_count` changed, and the
/// latest marks (`CachedViewerMarks`) of the user who liked or unliked it.
public struct CachedLikeRepository: LikeRepository {
    /// How many of a tweet's latest likes are cached: a longer list is read from the store.
    public static let latestLimit = 100

    let base: any LikeRepository
    let objects: ObjectCache

    public init(_ base: any LikeRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func like(_ like: Like, jobs: [Job]) async throws -> Like {
        let stored = try await base.like(like, jobs: jobs)
        if stored == like { await forget(like.target, by: like.userID) }
        return stored
    }

    public func cancel(userID: Int64, target: LikeTarget) async throws -> Bool {
        let removed = try await base.cancel(userID: userID, target: target)
        if removed { await forget(target, by: userID) }
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

    private func forget(_ target: LikeTarget, by userID: Int64) async {
        guard target.type == .tweet else { return }
        await objects.invalidate([CacheKeys.tweet(target.id), CacheKeys.tweetLikes(target.id), CacheKeys.viewerMarks(userID)])
    }
}
