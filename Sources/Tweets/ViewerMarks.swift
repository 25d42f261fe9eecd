import NIOCore
import StarlingCore

/// What one viewer did to some tweets: which they liked, and which they retweeted.
public struct ViewerMarks: Sendable, Equatable {
    public var liked: Set<Int64>
    public var retweeted: Set<Int64>

    public init(liked: Set<Int64> = [], retweeted: Set<Int64> = []) {
        self.liked = liked
        self.retweeted = retweeted
    }
}

/// Reads a viewer's marks on a page of tweets in one round trip: a store that can answer both
/// questions in one statement implements it, and `HydrateTweets` asks it instead of asking the
/// likes and the tweets one statement each.
public protocol ViewerMarksLookup: Sendable {
    /// Of `tweetIDs`, those `viewerID` liked and those they retweeted.
    func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks
    /// The viewer's latest marks (`RecentViewerMarks.found`): their `limit` highest liked tweet
    /// ids and their `limit` latest tweets, in one round trip.
    func recentMarks(by viewerID: Int64, limit: Int) async throws -> RecentViewerMarks
    /// The viewer's recent marks when they are kept where reading them costs no store statement
    /// (a cache), else nil: read ahead, beside a page's ids, before the page's tweets are known.
    func marksAhead(by viewerID: Int64) async -> RecentViewerMarks?
}

extension ViewerMarksLookup {
    /// A store answers each page with its own statement: nothing to read ahead.
    public func marksAhead(by viewerID: Int64) async -> RecentViewerMarks? { nil }
}

/// A viewer's latest marks, complete from a horizon up: every tweet at or above `horizon` that
/// the viewer liked is in `liked`, and every original at or above it that they retweeted is in
/// `retweeted`. What `CachedViewerMarks` keeps per viewer, so that a page of recent tweets — a
/// newsfeed page, whose tweets are the newest — is marked without asking the store.
public struct RecentViewerMarks: Sendable, Equatable {
    /// The lowest tweet id the marks are complete for (0: all of them).
    public var horizon: Int64
    public var liked: [Int64]
    public var retweeted: [Int64]

    public init(horizon: Int64, liked: [Int64], retweeted: [Int64]) {
        self.horizon = horizon
        self.liked = liked
        self.retweeted = retweeted
    }

    /// The marks among `tweetIDs`, or nil when one of them is below the horizon (then only the
    /// store knows).
    public func marks(among tweetIDs: [Int64]) -> ViewerMarks? {
        guard let lowest = tweetIDs.min(), lowest >= horizon else { return tweetIDs.isEmpty ? ViewerMarks() : nil }
        var marks = ViewerMarks()
        guard !liked.isEmpty || !retweeted.isEmpty else { return marks }
        let page = Set(tweetIDs)
        for id in liked where page.contains(id) { marks.liked.insert(id) }
        for id in retweeted where page.contains(id) { marks.retweeted.insert(id) }
        return marks
    }

    /// One row of a store's `ViewerMarksLookup.recentMarks` statement: a like (`kind` 0, `id` the
    /// liked tweet) or one of the viewer's own tweets (`kind` 1, `retweetOf` its original, 0 for
    /// none). Both stores write the statement so, and read it here.
    public typealias Row = (kind: Int, id: Int64, retweetOf: Int64)

    /// The marks a store found: the viewer's latest liked tweets and their latest own tweets, each
    /// at most `limit` rows, in any order. A list that reached `limit` may have left older rows
    /// out: the horizon rises to its lowest id. A retweet is made after its original was stored,
    /// so its id is the larger (ids grow with time): an original at or above the horizon
    /// retweeted by the viewer has its retweet among the tweets read.
    public static func found(_ rows: [Row], limit: Int) -> RecentViewerMarks {
        var likes: [Int64] = []
        var own: [(id: Int64, retweetOf: Int64)] = []
        for row in rows {
            if row.kind == 0 { likes.append(row.id) } else { own.append((row.id, row.retweetOf)) }
        }
        var horizon: Int64 = 0
        if likes.count >= limit, let lowest = likes.min() { horizon = max(horizon, lowest) }
        if own.count >= limit, let lowest = own.map(\.id).min() { horizon = max(horizon, lowest) }
        return RecentViewerMarks(horizon: horizon, liked: likes.filter { $0 >= horizon }.sorted(by: >),
                                 retweeted: own.map(\.retweetOf).filter { $0 > 0 && $0 >= horizon }.sorted(by: >))
    }
}

extension RecentViewerMarks: CacheCodable {
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeField(horizon)
        buffer.writeField(Int64(liked.count))
        for id in liked { buffer.writeField(id) }
        buffer.writeField(Int64(retweeted.count))
        for id in retweeted { buffer.writeField(id) }
    }

    public init?(from buffer: inout ByteBuffer) {
        guard let marks = buffer.readFields({ (fields: inout CacheFieldReader) -> RecentViewerMarks? in
            guard let horizon = fields.int64(), let liked = fields.int64s(), let retweeted = fields.int64s() else { return nil }
            return RecentViewerMarks(horizon: horizon, liked: liked, retweeted: retweeted)
        }) else { return nil }
        self = marks
    }
}
