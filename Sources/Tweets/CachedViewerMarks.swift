import StarlingCore

/// A `ViewerMarksLookup` that keeps each viewer's latest marks in the object cache
/// (`RecentViewerMarks`): a page whose tweets are all at or above their horizon — a newsfeed page,
/// or any page of recent tweets — is marked with no store statement at all. An older page asks
/// the store, as before.
///
/// The entry is deleted (and held against fills from before, `KeyValueCache.delete`) whenever
/// the viewer's marks change: a like or unlike of a tweet (`CachedLikeRepository`), a retweet or
/// its deletion (`CachedTweetRepository`). A deleted tweet left among someone's marks is harmless:
/// its id is never shown again.
public struct CachedViewerMarks: ViewerMarksLookup {
    let base: any ViewerMarksLookup
    let objects: ObjectCache
    let limit: Int

    /// - Parameter limit: how many of a viewer's latest likes, and of their latest tweets, an
    ///   entry holds (some 3 KB at most): a viewer with more has a horizon above their oldest marks.
    public init(_ base: any ViewerMarksLookup, objects: ObjectCache, limit: Int = 200) {
        self.base = base
        self.objects = objects
        self.limit = max(1, limit)
    }

    public func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks {
        guard !tweetIDs.isEmpty else { return ViewerMarks() }
        let recent = try await recentMarks(by: viewerID, limit: limit)
        if let marks = recent.marks(among: tweetIDs) { return marks }
        return try await base.marks(by: viewerID, among: tweetIDs)
    }

    /// The cached entry (read, and filled on a miss, as `marks` would); nil when that fails.
    public func marksAhead(by viewerID: Int64) async -> RecentViewerMarks? {
        try? await recentMarks(by: viewerID, limit: limit)
    }

    public func recentMarks(by viewerID: Int64, limit: Int) async throws -> RecentViewerMarks {
        let base = self.base
        let found = try await objects.fetch([viewerID], kind: CacheKeys.viewerMarksKind) { _ in
            [viewerID: try await base.recentMarks(by: viewerID, limit: limit)]
        }
        return found[viewerID] ?? RecentViewerMarks(horizon: .max, liked: [], retweeted: [])
    }
}
