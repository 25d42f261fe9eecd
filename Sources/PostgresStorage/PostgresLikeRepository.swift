import Likes
import PostgresNIO
import StarlingCore

/// `LikeRepository` on PostgreSQL: the like row and its target's `likes_count` change in one
/// transaction. `ON CONFLICT DO NOTHING` makes a second like of the same target by the same user
/// a no-op even when both arrive at once: the later insert waits for the earlier one's commit and
/// then inserts nothing, so the counter moves once.
public struct PostgresLikeRepository: LikeRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func like(_ like: Like, jobs: [Job]) async throws -> Like {
        let target = like.target
        return try await store.transaction { tx in
            let inserted = try await tx.rows("""
                INSERT INTO likes (target_type, target_id, user_id, created_at)
                VALUES (\(target.type.rawValue), \(target.id), \(like.userID), \(like.createdAt))
                ON CONFLICT DO NOTHING RETURNING created_at
                """)
            guard !inserted.isEmpty else {
                let existing = try await tx.rows(Self.find(userID: like.userID, target: target)).first?.decode(Int64.self)
                return Like(userID: like.userID, target: target, createdAt: existing ?? like.createdAt)
            }
            try await tx.rows(Self.addToCounter(of: target, 1))
            try await tx.record(jobs)
            return like
        }
    }

    public func cancel(userID: Int64, target: LikeTarget) async throws -> Bool {
        try await store.transaction { tx in
            let deleted = try await tx.rows("""
                DELETE FROM likes WHERE target_type = \(target.type.rawValue) AND target_id = \(target.id) AND user_id = \(userID)
                RETURNING created_at
                """)
            guard !deleted.isEmpty else { return false }
            try await tx.rows(Self.addToCounter(of: target, -1))
            return true
        }
    }

    public func find(userID: Int64, target: LikeTarget) async throws -> Like? {
        try await store.rows(Self.find(userID: userID, target: target)).first
            .map { Like(userID: userID, target: target, createdAt: try $0.decode(Int64.self)) }
    }

    public func likes(of target: LikeTarget, limit: Int) async throws -> [Like] {
        try await store.rows("""
            SELECT user_id, created_at FROM likes WHERE target_type = \(target.type.rawValue) AND target_id = \(target.id)
            ORDER BY created_at DESC LIMIT \(limit)
            """).map {
            let (userID, createdAt) = try $0.decode((Int64, Int64).self)
            return Like(userID: userID, target: target, createdAt: createdAt)
        }
    }

    public func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64> {
        guard !ids.isEmpty, type != .user else { return [] }
        let rows = try await store.rows("""
            SELECT target_id FROM likes WHERE user_id = \(userID) AND target_type = \(type.rawValue) AND target_id = ANY(\(ids))
            """)
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    private static func find(userID: Int64, target: LikeTarget) -> PostgresQuery {
        """
        SELECT created_at FROM likes WHERE target_type = \(target.type.rawValue) AND target_id = \(target.id) AND user_id = \(userID)
        """
    }

    /// Changes the `likes_count` of the liked tweet or comment by `delta`.
    private static func addToCounter(of target: LikeTarget, _ delta: Int) -> PostgresQuery {
        switch target.type {
        case .comment: "UPDATE comments SET likes_count = likes_count + \(delta) WHERE id = \(target.id)"
        default: "UPDATE tweets SET likes_count = likes_count + \(delta) WHERE id = \(target.id)"
        }
    }
}
