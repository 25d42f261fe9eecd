import MastodonClients
import SQLiteDriver
import StarlingCore

/// `PublicTimeline` on SQLite: a range scan of the tweets' primary key.
public struct SQLitePublicTimeline: PublicTimeline {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func tweetIDs(page: PageRequest) async throws -> Page<Int64> {
        let ids = try await store.read("SELECT id FROM tweets WHERE id < ? AND id > ? ORDER BY id DESC LIMIT ?", SQL.pageBinds(page))
            .map { $0.int64("id") }
        return page.page(fromNewestFirst: ids)
    }
}
