import Newsfeeds
import SQLiteDriver
import StarlingCore

/// `FeedSourceRepository` on SQLite. A merge of many timelines is one statement that takes at
/// most a page from each author's index range (a correlated subquery per author, then a sort of
/// those few rows), so its cost is authors × page, never the authors' whole history.
public struct SQLiteFeedSourceRepository: FeedSourceRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let rows = try await store.read("""
            SELECT 0 AS kind, CASE WHEN feed_stale_since = 0 AND max(created_at, last_active_at) >= ? THEN 1 ELSE 0 END AS value
            FROM users WHERE id = ?
            UNION ALL
            SELECT * FROM (SELECT 1, c.user_id FROM friendships f JOIN celebrities c ON c.user_id = f.to_user_id
                           WHERE f.from_user_id = ? ORDER BY c.user_id LIMIT ?)
            """, [activeSince.sqlite, owner.sqlite, owner.sqlite, (celebrityLimit + 1).sqlite])
        let current = rows.contains { $0.int("kind") == 0 && $0.int64("value") == 1 }
        return FeedPlan(pushedFeedIsCurrent: current, celebrities: rows.filter { $0.int("kind") == 1 }.map { $0.int64("value") })
    }

    public func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        let authors = Array(Set(authors))
        guard !authors.isEmpty else { return Page(items: [], hasNextPage: false) }
        let values = Array(repeating: "(?)", count: authors.count).joined(separator: ", ")
        let rows = try await store.read("""
            WITH authors(id) AS (VALUES \(values))
            SELECT t.id FROM authors a, tweets t
            WHERE t.id IN (SELECT id FROM tweets WHERE user_id = a.id AND id < ? AND id > ? ORDER BY id DESC LIMIT ?)
            ORDER BY t.id DESC LIMIT ?
            """, authors.map(\.sqlite) + SQL.pageBinds(page) + [page.rows.sqlite])
        return page.page(fromNewestFirst: rows.map { $0.int64("id") })
    }

    public func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        let rows = try await store.read("""
            WITH authors(id) AS (SELECT ? UNION ALL SELECT to_user_id FROM friendships WHERE from_user_id = ?)
            SELECT t.id FROM authors a, tweets t
            WHERE t.id IN (SELECT id FROM tweets WHERE user_id = a.id AND id < ? AND id > ? ORDER BY id DESC LIMIT ?)
            ORDER BY t.id DESC LIMIT ?
            """, [owner.sqlite, owner.sqlite] + SQL.pageBinds(page) + [page.rows.sqlite])
        return page.page(fromNewestFirst: rows.map { $0.int64("id") })
    }
}
