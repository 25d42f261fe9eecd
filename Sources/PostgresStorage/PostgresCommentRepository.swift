import Comments
import PostgresNIO
import StarlingCore

/// `CommentRepository` on PostgreSQL: a comment and its tweet's `comments_count` change in one
/// transaction.
public struct PostgresCommentRepository: CommentRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func create(_ comment: Comment, jobs: [Job]) async throws {
        try await store.transaction { tx in
            try await tx.rows("""
                INSERT INTO comments (id, tweet_id, user_id, content)
                VALUES (\(comment.id), \(comment.tweetID), \(comment.userID), \(comment.content))
                """)
            try await tx.rows("UPDATE tweets SET comments_count = comments_count + 1 WHERE id = \(comment.tweetID)")
            try await tx.record(jobs)
        }
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await store.rows(Self.select("WHERE id = \(id)")).first.map(Self.decode)
    }

    public func comments(ids: [Int64]) async throws -> [Int64: Comment] {
        guard !ids.isEmpty else { return [:] }
        let comments = try await store.rows(Self.select("WHERE id = ANY(\(ids))")).map(Self.decode)
        return Dictionary(comments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func comments(tweetID: Int64, page: PageRequest) async throws -> Page<Comment> {
        let rows = try await store.rows(Self.select("""
            WHERE tweet_id = \(tweetID) AND id < \(page.upper) AND id > \(page.lower) ORDER BY id LIMIT \(page.rows)
            """))
        return page.page(fromOldestFirst: try rows.map(Self.decode))
    }

    public func update(id: Int64, content: String) async throws -> Comment? {
        try await store.rows("""
            UPDATE comments SET content = \(content) WHERE id = \(id) RETURNING id, tweet_id, user_id, content, likes_count
            """).first.map(Self.decode)
    }

    public func delete(id: Int64) async throws -> Bool {
        try await store.transaction { tx in
            guard let tweetID = try await tx.deleteWithDependents(.comment, id: id) else { return false }
            try await tx.rows("UPDATE tweets SET comments_count = comments_count - 1 WHERE id = \(tweetID)")
            return true
        }
    }

    /// Comments filtered and ordered by `rest` (`WHERE …`).
    static func select(_ rest: PostgresQuery) -> PostgresQuery {
        PostgresQuery(head: "SELECT id, tweet_id, user_id, content, likes_count FROM comments", rest)
    }

    static func decode(_ row: PostgresRow) throws -> Comment {
        let (id, tweetID, userID, content, likesCount) = try row.decode((Int64, Int64, Int64, String, Int).self)
        return Comment(id: id, tweetID: tweetID, userID: userID, content: content, likesCount: likesCount)
    }
}
