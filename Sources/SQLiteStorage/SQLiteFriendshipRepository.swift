import Friendships
import SQLiteDriver
import StarlingCore

/// `FriendshipRepository` on SQLite.
public struct SQLiteFriendshipRepository: FriendshipRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func follow(_ friendship: Friendship, jobs: [Job]) async throws -> Bool {
        try await store.write { tx in
            let inserted = try tx.change(
                "INSERT OR IGNORE INTO friendships (from_user_id, to_user_id, id) VALUES (?, ?, ?)",
                [friendship.fromUserID.sqlite, friendship.toUserID.sqlite, friendship.id.sqlite])
            guard inserted > 0 else { return false }
            for job in jobs { try tx.record(job) }
            return true
        }
    }

    public func unfollow(from: Int64, to: Int64, job: Job) async throws -> Bool {
        try await store.write { tx in
            let deleted = try tx.change("DELETE FROM friendships WHERE from_user_id = ? AND to_user_id = ?",
                                              [from.sqlite, to.sqlite])
            guard deleted > 0 else { return false }
            try tx.record(job)
            return true
        }
    }

    public func followers(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        let rows = try await store.read(
            "SELECT from_user_id, to_user_id, id FROM friendships WHERE to_user_id = ? AND id < ? AND id > ? ORDER BY id DESC LIMIT ?",
            [userID.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map(Self.decode))
    }

    public func followings(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        let rows = try await store.read(
            "SELECT from_user_id, to_user_id, id FROM friendships WHERE from_user_id = ? AND id < ? AND id > ? ORDER BY id DESC LIMIT ?",
            [userID.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map(Self.decode))
    }

    public func followerIDs(of userID: Int64, after: Int64, limit: Int) async throws -> [Int64] {
        try await store.read(
            "SELECT from_user_id FROM friendships WHERE to_user_id = ? AND from_user_id > ? ORDER BY from_user_id LIMIT ?",
            [userID.sqlite, after.sqlite, limit.sqlite]
        ).map { $0.int64("from_user_id") }
    }

    public func followed(by userID: Int64, among candidates: [Int64]) async throws -> Set<Int64> {
        guard !candidates.isEmpty else { return [] }
        let rows = try await store.read(
            "SELECT to_user_id FROM friendships WHERE from_user_id = ? AND to_user_id IN (\(SQL.placeholders(candidates.count)))",
            [userID.sqlite] + candidates.map(\.sqlite))
        return Set(rows.map { $0.int64("to_user_id") })
    }

    public func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) async throws -> [Int64] {
        try await store.read(
            "SELECT from_user_id FROM friendships WHERE to_user_id = ? AND from_user_id BETWEEN ? AND ? ORDER BY from_user_id",
            [userID.sqlite, range.lowerBound.sqlite, range.upperBound.sqlite]
        ).map { $0.int64("from_user_id") }
    }

    public func counts(of userID: Int64) async throws -> (followers: Int, followings: Int) {
        let row = try await store.read(
            """
            SELECT (SELECT COUNT(*) FROM friendships WHERE to_user_id = ?) AS followers,
                   (SELECT COUNT(*) FROM friendships WHERE from_user_id = ?) AS followings
            """, [userID.sqlite, userID.sqlite]).first
        return (row?.int("followers") ?? 0, row?.int("followings") ?? 0)
    }

    static func decode(_ row: SQLiteRow) -> Friendship {
        Friendship(id: row.int64("id"), fromUserID: row.int64("from_user_id"), toUserID: row.int64("to_user_id"))
    }
}
