import PostgresNIO
import StarlingCore
import Tweets

extension PostgresTransaction {
    /// Deletes a tweet or a comment with every row that belongs to it, in one statement — the one
    /// place this store says what that is: a tweet takes its photo rows, its comments and the
    /// likes of both; a comment takes its likes. Newsfeed rows and photo files go later, by the
    /// clean-up jobs the caller records in the same transaction; counters are the caller's too.
    ///
    /// Returns the id of the tweet the deleted object is or was on, nil when there was none.
    /// (A tweet's retweets are the tweet repository's: see `deleteTweets`.)
    func deleteWithDependents(_ type: ContentType, id: Int64) async throws -> Int64? {
        switch type {
        case .tweet:
            return try await deleteTweets(where: .id, id).first?.id
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

    /// Which tweets `deleteTweets` deletes: the one with the id, or the retweets of the id.
    enum TweetSelector: String {
        case id
        case retweetsOf = "retweet_of"
    }

    /// Deletes the tweets the selector picks with every row that belongs to them, in one
    /// statement: their photo rows, their comments and the likes of both. Returns the deleted
    /// tweets as they were, with their photo keys in order.
    func deleteTweets(where selector: TweetSelector, _ id: Int64) async throws -> [Tweet] {
        try await rows("""
            WITH tweet AS (
                DELETE FROM tweets WHERE \(unescaped: selector.rawValue) = \(id)
                RETURNING id, user_id, content, likes_count, comments_count, retweet_of, retweets_count
            ),
            photos AS (DELETE FROM tweet_photos WHERE tweet_id IN (SELECT id FROM tweet) RETURNING tweet_id, position, blob_key),
            comments AS (DELETE FROM comments WHERE tweet_id IN (SELECT id FROM tweet) RETURNING id),
            likes AS (
                DELETE FROM likes
                WHERE (target_type = 'tweet' AND target_id IN (SELECT id FROM tweet))
                   OR (target_type = 'comment' AND target_id IN (SELECT id FROM comments))
            )
            SELECT id, user_id, content, likes_count, comments_count,
                ARRAY(SELECT blob_key FROM photos WHERE photos.tweet_id = tweet.id ORDER BY position), retweet_of, retweets_count
            FROM tweet ORDER BY id
            """).map(PostgresTweetRepository.decode)
    }
}
