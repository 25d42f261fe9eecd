import Friendships
import PostgresNIO
import StarlingCore

/// `FriendshipRepository` on PostgreSQL.
public struct PostgresFriendshipRepository: FriendshipRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func follow(_ friendship: Friendship, jobs: [Job]) async throws -> Bool {
        try await store.transaction { tx in
            let inserted = try await tx.rows("""
                INSERT INTO friendships (from_user_id, to_user_id, id)
                VALUES (\(friendship.fromUserID), \(friendship.toUserID), \(friendship.id))
                ON CONFLICT DO NOTHING RETURNING id
                """)
            guard !inserted.isEmpty else { return false }
            try await tx.record(jobs)
            return true
        }
    }

    public func unfollow(from: Int64, to: Int64, job: Job) async throws -> Bool {
        try await store.transaction { tx in
            let deleted = try await tx.rows("DELETE FROM friendships WHERE from_user_id = \(from) AND to_user_id = \(to) RETURNING id")
            guard !deleted.isEmpty else { return false }
            try await tx.record(job)
            return true
        }
    }

    public func followers(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        let rows = try await store.rows("""
            SELECT from_user_id, to_user_id, id FROM friendships
            WHERE to_user_id = \(userID) AND id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            """)
        return page.page(fromNewestFirst: try rows.map(Self.decode))
    }

    public func followings(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        let rows = try await store.rows("""
            SELECT from_user_id, to_user_id, id FROM friendships
            WHERE from_user_id = \(userID) AND id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            """)
        return page.page(fromNewestFirst: try rows.map(Self.decode))
    }

    public func followerIDs(of userID: Int64, after: Int64, limit: Int) async throws -> [Int64] {
        try await store.rows("""
            SELECT from_user_id FROM friendships WHERE to_user_id = \(userID) AND from_user_id > \(after)
            ORDER BY from_user_id LIMIT \(limit)
            """).map { try $0.decode(Int64.self) }
    }

    public func followed(by userID: Int64, among candidates: [Int64]) async throws -> Set<Int64> {
        guard !candidates.isEmpty else { return [] }
        let rows = try await store.rows("SELECT to_user_id FROM friendships WHERE from_user_id = \(userID) AND to_user_id = ANY(\(candidates))")
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    public func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) async throws -> [Int64] {
        try await store.rows("""
            SELECT from_user_id FROM friendships WHERE to_user_id = \(userID)
            AND from_user_id BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY from_user_id
            """).map { try $0.decode(Int64.self) }
    }

    public func counts(of userID: Int64) async throws -> (followers: Int, followings: Int) {
        let row = try await store.rows("""
            SELECT (SELECT COUNT(*) FROM friendships WHERE to_user_id = \(userID)),
                   (SELECT COUNT(*) FROM friendships WHERE from_user_id = \(userID))
            """).first
        return try row?.decode((Int, Int).self) ?? (0, 0)
    }

    static func decode(_ row: PostgresRow) throws -> Friendship {
        let (from, to, id) = try row.decode((Int64, Int64, Int64).self)
        return Friendship(id: id, fromUserID: from, toUserID: to)
    }
}
