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

    public func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks {
        guard !tweetIDs.isEmpty else { return ViewerMarks() }
        let ids = tweetIDs.map(\.sqlite)
        let rows = try await store.read("""
            SELECT 0 AS kind, target_id AS id FROM likes WHERE user_id = ? AND target_type = ? AND target_id IN (\(SQL.placeholders(ids.count)))
            UNION ALL
            SELECT 1, retweet_of FROM tweets WHERE retweet_of IN (\(SQL.placeholders(ids.count))) AND user_id = ?
            """, [viewerID.sqlite, ContentType.tweet.rawValue.sqlite] + ids + ids + [viewerID.sqlite])
        var marks = ViewerMarks()
        for row in rows {
            if row.int("kind") == 0 { marks.liked.insert(row.int64("id")) } else { marks.retweeted.insert(row.int64("id")) }
        }
        return marks
    }
}
