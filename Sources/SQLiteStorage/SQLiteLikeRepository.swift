import Likes
import SQLiteDriver
import StarlingCore

/// `LikeRepository` on SQLite: the like row and its target's `likes_count` change together.
public struct SQLiteLikeRepository: LikeRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    /// The table whose `likes_count` counts likes of this kind of target.
    static func counterTable(_ type: ContentType) -> String {
        type == .comment ? "comments" : "tweets"
    }

    public func like(_ like: Like, jobs: [Job]) async throws -> Like {
        try await store.write { tx in
            let target = [like.target.type.rawValue.sqlite, like.target.id.sqlite]
            let inserted = try tx.change(
                "INSERT OR IGNORE INTO likes (target_type, target_id, user_id, created_at) VALUES (?, ?, ?, ?)",
                target + [like.userID.sqlite, like.createdAt.sqlite])
            guard inserted > 0 else {
                let existing = try tx.execute(
                    "SELECT created_at FROM likes WHERE target_type = ? AND target_id = ? AND user_id = ?", target + [like.userID.sqlite])
                return Like(userID: like.userID, target: like.target, createdAt: existing.first?.int64("created_at") ?? like.createdAt)
            }
            try tx.execute("UPDATE \(Self.counterTable(like.target.type)) SET likes_count = likes_count + 1 WHERE id = ?",
                                 [like.target.id.sqlite])
            for job in jobs { try tx.record(job) }
            return like
        }
    }

    public func cancel(userID: Int64, target: LikeTarget) async throws -> Bool {
        try await store.write { tx in
            let deleted = try tx.change("DELETE FROM likes WHERE target_type = ? AND target_id = ? AND user_id = ?",
                                              [target.type.rawValue.sqlite, target.id.sqlite, userID.sqlite])
            guard deleted > 0 else { return false }
            try tx.execute("UPDATE \(Self.counterTable(target.type)) SET likes_count = likes_count - 1 WHERE id = ?",
                                 [target.id.sqlite])
            return true
        }
    }

    public func find(userID: Int64, target: LikeTarget) async throws -> Like? {
        try await store.read("SELECT created_at FROM likes WHERE target_type = ? AND target_id = ? AND user_id = ?",
                             [target.type.rawValue.sqlite, target.id.sqlite, userID.sqlite])
            .first.map { Like(userID: userID, target: target, createdAt: $0.int64("created_at")) }
    }

    public func likes(of target: LikeTarget, limit: Int) async throws -> [Like] {
        try await store.read(
            "SELECT user_id, created_at FROM likes WHERE target_type = ? AND target_id = ? ORDER BY created_at DESC LIMIT ?",
            [target.type.rawValue.sqlite, target.id.sqlite, limit.sqlite]
        ).map { Like(userID: $0.int64("user_id"), target: target, createdAt: $0.int64("created_at")) }
    }

    public func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64> {
        guard !ids.isEmpty, type != .user else { return [] }
        let rows = try await store.read("""
            SELECT l.target_id FROM json_each(?1) AS j
                CROSS JOIN likes AS l ON l.user_id = ?2 AND l.target_type = ?3 AND l.target_id = j.value
            """, [SQL.idArray(ids), userID.sqlite, type.rawValue.sqlite])
        return Set(rows.map { $0.int64("target_id") })
    }
}
