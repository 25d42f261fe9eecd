import SQLiteDriver
import StarlingCore

extension SQLiteTransaction {
    /// Deletes a tweet or a comment with every row that belongs to it — the one place this store
    /// says what that is: a tweet takes its photo rows, its comments and the likes of both; a
    /// comment takes its likes. Newsfeed rows and photo files go later, by the clean-up jobs the
    /// caller records in the same transaction; counters are the caller's too.
    ///
    /// Returns the id of the tweet the deleted object is or was on, nil when there was none.
    func deleteWithDependents(_ type: ContentType, id: Int64) throws -> Int64? {
        switch type {
        case .tweet:
            guard try change("DELETE FROM tweets WHERE id = ?", [id.sqlite]) > 0 else { return nil }
            try execute("DELETE FROM tweet_photos WHERE tweet_id = ?", [id.sqlite])
            try execute("DELETE FROM likes WHERE target_type = 'tweet' AND target_id = ?", [id.sqlite])
            _ = try deleteComments(where: "tweet_id = ?", id)
            return id
        case .comment:
            return try deleteComments(where: "id = ?", id).first
        case .user:
            return nil
        }
    }

    /// Deletes every retweet of the tweet with every row that belongs to them, a statement per
    /// table whatever their number (as `deleteWithDependents` does for one tweet).
    func deleteRetweets(of id: Int64) throws {
        let retweets = "SELECT id FROM tweets WHERE retweet_of = ?"
        try execute("DELETE FROM tweet_photos WHERE tweet_id IN (\(retweets))", [id.sqlite])
        try execute("DELETE FROM likes WHERE target_type = 'tweet' AND target_id IN (\(retweets))", [id.sqlite])
        _ = try deleteComments(where: "tweet_id IN (\(retweets))", id)
        try execute("DELETE FROM tweets WHERE retweet_of = ?", [id.sqlite])
    }

    /// Deletes the comments matching `condition` (one `?`, bound to `value`) and their likes;
    /// returns the tweet ids they were on.
    private func deleteComments(where condition: String, _ value: Int64) throws -> [Int64] {
        try execute("DELETE FROM likes WHERE target_type = 'comment' AND target_id IN (SELECT id FROM comments WHERE \(condition))",
                          [value.sqlite])
        return try execute("DELETE FROM comments WHERE \(condition) RETURNING tweet_id", [value.sqlite]).map { $0.int64("tweet_id") }
    }
}
