/// A denormalized counter and the SQL that counts its rows: the same for every relational store.
public struct CounterCheck: Sendable {
    /// The table holding the counter (aliased `t` in `actual`).
    public let table: String
    public let column: String
    /// A scalar subquery counting the rows for the row `t`.
    public let actual: String

    /// Every counter Starling keeps.
    public static let all: [CounterCheck] = [
        CounterCheck(table: "tweets", column: "likes_count",
                     actual: "(SELECT COUNT(*) FROM likes l WHERE l.target_type = 'tweet' AND l.target_id = t.id)"),
        CounterCheck(table: "tweets", column: "comments_count", actual: "(SELECT COUNT(*) FROM comments c WHERE c.tweet_id = t.id)"),
        CounterCheck(table: "tweets", column: "retweets_count", actual: "(SELECT COUNT(*) FROM tweets r WHERE r.retweet_of = t.id)"),
        CounterCheck(table: "comments", column: "likes_count",
                     actual: "(SELECT COUNT(*) FROM likes l WHERE l.target_type = 'comment' AND l.target_id = t.id)"),
    ]

    /// The rows whose counter differs from its count, as `id, stored, actual`, by id.
    var wrongRows: String {
        """
        SELECT id, stored, actual FROM (
            SELECT t.id AS id, t.\(column) AS stored, \(actual) AS actual FROM \(table) t
        ) counted WHERE stored <> actual ORDER BY id
        """
    }

    /// One statement that sets every wrong counter to its count.
    var repair: String {
        "UPDATE \(table) AS t SET \(column) = \(actual) WHERE t.\(column) <> \(actual)"
    }
}
