import PostgresNIO
import StarlingCore
import Tweets

/// `ViewerMarksLookup` on PostgreSQL: the viewer's likes and retweets among a page's tweets, one
/// statement.
public struct PostgresViewerMarks: ViewerMarksLookup {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks {
        guard !tweetIDs.isEmpty else { return ViewerMarks() }
        let rows = try await store.rows("""
            SELECT 0 AS kind, target_id FROM likes
            WHERE user_id = \(viewerID) AND target_type = \(ContentType.tweet.rawValue) AND target_id = ANY(\(tweetIDs))
            UNION ALL
            SELECT 1, retweet_of FROM tweets WHERE retweet_of = ANY(\(tweetIDs)) AND user_id = \(viewerID)
            """)
        var marks = ViewerMarks()
        for row in rows {
            let (kind, id) = try row.decode((Int, Int64).self)
            if kind == 0 { marks.liked.insert(id) } else { marks.retweeted.insert(id) }
        }
        return marks
    }

    /// Each half walks its index from the top and stops at `limit`.
    public func recentMarks(by viewerID: Int64, limit: Int) async throws -> RecentViewerMarks {
        let rows = try await store.rows("""
            (SELECT 0 AS kind, target_id AS id, 0::bigint AS retweet_of FROM likes
             WHERE user_id = \(viewerID) AND target_type = \(ContentType.tweet.rawValue) ORDER BY target_id DESC LIMIT \(limit))
            UNION ALL
            (SELECT 1, id, coalesce(retweet_of, 0) FROM tweets WHERE user_id = \(viewerID) ORDER BY id DESC LIMIT \(limit))
            """)
        return RecentViewerMarks.found(try rows.map { try $0.decode((Int, Int64, Int64).self) }, limit: limit)
    }
}
