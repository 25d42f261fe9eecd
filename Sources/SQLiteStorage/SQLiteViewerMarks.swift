import SQLiteDriver
import StarlingCore
import Tweets

/// `ViewerMarksLookup` on SQLite: the viewer's likes and retweets among a page's tweets, one
/// statement (each half on its covering index).
public struct SQLiteViewerMarks: ViewerMarksLookup {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    /// The ids go in as one JSON array (`SQL.idArray`), each half an index search per id; the
    /// IN lists this replaced were a third of the statement's cost.
    private static let sql = """
        SELECT 0 AS kind, l.target_id AS id FROM json_each(?1) AS j
            CROSS JOIN likes AS l ON l.user_id = ?2 AND l.target_type = ?3 AND l.target_id = j.value
        UNION ALL
        SELECT 1, t.retweet_of FROM json_each(?1) AS j
            CROSS JOIN tweets AS t ON t.retweet_of = j.value AND t.user_id = ?2
        """

    public func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks {
        guard !tweetIDs.isEmpty else { return ViewerMarks() }
        let rows = try await store.read(Self.sql, [SQL.idArray(tweetIDs), viewerID.sqlite, ContentType.tweet.rawValue.sqlite])
        var marks = ViewerMarks()
        for row in rows {
            if row.int("kind") == 0 { marks.liked.insert(row.int64("id")) } else { marks.retweeted.insert(row.int64("id")) }
        }
        return marks
    }

    /// Each half walks its index from the top (`likes_user`, `tweets_user`) and stops at `limit`.
    private static let recentSQL = """
        SELECT * FROM (SELECT 0 AS kind, target_id AS id, 0 AS retweet_of FROM likes
            WHERE user_id = ?1 AND target_type = ?2 ORDER BY target_id DESC LIMIT ?3)
        UNION ALL
        SELECT * FROM (SELECT 1, id, coalesce(retweet_of, 0) FROM tweets WHERE user_id = ?1 ORDER BY id DESC LIMIT ?3)
        """

    public func recentMarks(by viewerID: Int64, limit: Int) async throws -> RecentViewerMarks {
        let rows = try await store.read(Self.recentSQL, [viewerID.sqlite, ContentType.tweet.rawValue.sqlite, limit.sqlite])
        return RecentViewerMarks.found(rows.map { ($0.int("kind"), $0.int64("id"), $0.int64("retweet_of")) }, limit: limit)
    }
}
