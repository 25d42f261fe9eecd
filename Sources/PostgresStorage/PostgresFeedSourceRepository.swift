import Newsfeeds
import PostgresNIO
import StarlingCore

/// `FeedSourceRepository` on PostgreSQL. A merge of many timelines is one statement: a lateral
/// join takes at most a page from each author's index range, then those few rows are sorted, so
/// its cost is authors × page, never the authors' whole history.
public struct PostgresFeedSourceRepository: FeedSourceRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let rows = try await store.rows("""
            SELECT 0, CASE WHEN feed_stale_since = 0 AND GREATEST(created_at, last_active_at) >= \(activeSince) THEN 1 ELSE 0 END::BIGINT
            FROM users WHERE id = \(owner)
            UNION ALL
            (SELECT 1, c.user_id FROM friendships f JOIN celebrities c ON c.user_id = f.to_user_id
             WHERE f.from_user_id = \(owner) ORDER BY c.user_id LIMIT \(celebrityLimit + 1))
            """)
        let decoded = try rows.map { try $0.decode((Int32, Int64).self) }
        return FeedPlan(pushedFeedIsCurrent: decoded.contains { $0.0 == 0 && $0.1 == 1 },
                        celebrities: decoded.filter { $0.0 == 1 }.map(\.1))
    }

    public func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        let authors = Array(Set(authors))
        guard !authors.isEmpty else { return Page(items: [], hasNextPage: false) }
        let rows = try await store.rows("""
            SELECT t.id FROM UNNEST(\(authors)::BIGINT[]) AS a(id) CROSS JOIN LATERAL (
                SELECT id FROM tweets WHERE user_id = a.id AND id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            ) t ORDER BY t.id DESC LIMIT \(page.rows)
            """)
        return page.page(fromNewestFirst: try rows.map { try $0.decode(Int64.self) })
    }

    public func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        let rows = try await store.rows("""
            SELECT t.id FROM (SELECT \(owner)::BIGINT AS id UNION ALL SELECT to_user_id FROM friendships WHERE from_user_id = \(owner)) a
            CROSS JOIN LATERAL (
                SELECT id FROM tweets WHERE user_id = a.id AND id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            ) t ORDER BY t.id DESC LIMIT \(page.rows)
            """)
        return page.page(fromNewestFirst: try rows.map { try $0.decode(Int64.self) })
    }
}
