import MastodonClients
import PostgresNIO
import StarlingCore

/// `PublicTimeline` on PostgreSQL: a range scan of the tweets' primary key.
public struct PostgresPublicTimeline: PublicTimeline {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func tweetIDs(page: PageRequest) async throws -> Page<Int64> {
        let ids = try await store.rows("""
            SELECT id FROM tweets WHERE id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            """).map { try $0.decode(Int64.self) }
        return page.page(fromNewestFirst: ids)
    }
}
