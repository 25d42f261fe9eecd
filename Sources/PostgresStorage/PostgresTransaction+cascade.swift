import PostgresNIO
import StarlingCore

extension PostgresTransaction {
    /// Deletes a tweet or a comment with every row that belongs to it, in one statement — the one
    /// place this store says what that is: a tweet takes its photo rows, its comments and the
    /// likes of both; a comment takes its likes. Newsfeed rows and photo files go later, by the
    /// clean-up jobs the caller records in the same transaction; counters are the caller's too.
    ///
    /// Returns the id of the tweet the deleted object is or was on, nil when there was none.
    func deleteWithDependents(_ type: ContentType, id: Int64) async throws -> Int64? {
        switch type {
        case .tweet:
            return try await rows("""
                WITH tweet AS (DELETE FROM tweets WHERE id = \(id) RETURNING id),
                photos AS (DELETE FROM tweet_photos WHERE tweet_id IN (SELECT id FROM tweet)),
                comments AS (DELETE FROM comments WHERE tweet_id IN (SELECT id FROM tweet) RETURNING id),
                likes AS (
                    DELETE FROM likes
                    WHERE (target_type = 'tweet' AND target_id IN (SELECT id FROM tweet))
                       OR (target_type = 'comment' AND target_id IN (SELECT id FROM comments))
                )
                SELECT id FROM tweet
                """).first?.decode(Int64.self)
        case .comment:
            return try await rows("""
                WITH comments AS (DELETE FROM comments WHERE id = \(id) RETURNING id, tweet_id),
                likes AS (DELETE FROM likes WHERE target_type = 'comment' AND target_id IN (SELECT id FROM comments))
                SELECT tweet_id FROM comments
                """).first?.decode(Int64.self)
        case .user:
            return nil
        }
    }
}
