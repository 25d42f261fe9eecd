import Comments
import SQLiteDriver
import StarlingCore

/// `CommentRepository` on SQLite.
public struct SQLiteCommentRepository: CommentRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    private static let select = "SELECT id, tweet_id, user_id, content, likes_count FROM comments"

    public func create(_ comment: Comment, jobs: [Job]) async throws {
        try await store.write { tx in
            try tx.execute("INSERT INTO comments (id, tweet_id, user_id, content) VALUES (?, ?, ?, ?)",
                                 [comment.id.sqlite, comment.tweetID.sqlite, comment.userID.sqlite, comment.content.sqlite])
            try tx.execute("UPDATE tweets SET comments_count = comments_count + 1 WHERE id = ?", [comment.tweetID.sqlite])
            for job in jobs { try tx.record(job) }
        }
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await store.read("\(Self.select) WHERE id = ?", [id.sqlite]).first.map(Self.decode)
    }

    public func comments(ids: [Int64]) async throws -> [Int64: Comment] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await store.read("\(Self.select) WHERE id IN (\(SQL.placeholders(ids.count)))", ids.map(\.sqlite))
        return Dictionary(rows.map(Self.decode).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func comments(tweetID: Int64, page: PageRequest) async throws -> Page<Comment> {
        let rows = try await store.read("\(Self.select) WHERE tweet_id = ? AND id < ? AND id > ? ORDER BY id LIMIT ?",
                                        [tweetID.sqlite] + SQL.pageBinds(page))
        return page.page(fromOldestFirst: rows.map(Self.decode))
    }

    public func update(id: Int64, content: String) async throws -> Comment? {
        try await store.write { tx in
            try tx.execute("UPDATE comments SET content = ? WHERE id = ?", [content.sqlite, id.sqlite])
            return try tx.execute("\(Self.select) WHERE id = ?", [id.sqlite]).first.map(Self.decode)
        }
    }

    public func delete(id: Int64) async throws -> Bool {
        try await store.write { tx in
            guard let tweetID = try tx.deleteWithDependents(.comment, id: id) else { return false }
            try tx.execute("UPDATE tweets SET comments_count = comments_count - 1 WHERE id = ?", [tweetID.sqlite])
            return true
        }
    }

    static func decode(_ row: SQLiteRow) -> Comment {
        Comment(id: row.int64("id"), tweetID: row.int64("tweet_id"), userID: row.int64("user_id"),
                content: row.string("content"), likesCount: row.int("likes_count"))
    }
}
