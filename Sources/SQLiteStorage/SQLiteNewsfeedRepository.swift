import Newsfeeds
import SQLiteNIO
import StarlingCore

/// `NewsfeedRepository` on SQLite: bulk inserts of up to `rowsPerStatement` rows per statement.
public struct SQLiteNewsfeedRepository: NewsfeedRepository {
    /// Rows per INSERT: 3 binds each, well under SQLite's 32,766 variables.
    static let rowsPerStatement = 1_000

    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        try await insert(owners.map { NewsfeedEntry(ownerID: $0, tweetID: tweetID, authorID: authorID) })
    }

    public func insert(_ entries: [NewsfeedEntry]) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        return try await store.write { tx in
            var inserted = 0
            var start = 0
            while start < entries.count {
                let chunk = entries[start..<min(start + Self.rowsPerStatement, entries.count)]
                let values = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * 3)
                for entry in chunk {
                    binds.append(entry.ownerID.sqlite)
                    binds.append(entry.tweetID.sqlite)
                    binds.append(entry.authorID.sqlite)
                }
                inserted += try await tx.change(
                    "INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id) VALUES \(values)", binds)
                start += chunk.count
            }
            return inserted
        }
    }

    public func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> {
        let rows = try await store.read(
            "SELECT owner_id, tweet_id, author_id FROM newsfeeds WHERE owner_id = ? AND tweet_id < ? AND tweet_id > ? ORDER BY tweet_id DESC LIMIT ?",
            [owner.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map {
            NewsfeedEntry(ownerID: $0.int64("owner_id"), tweetID: $0.int64("tweet_id"), authorID: $0.int64("author_id"))
        })
    }

    public func remove(tweetID: Int64) async throws -> Int {
        try await store.write { tx in
            try await tx.change("DELETE FROM newsfeeds WHERE tweet_id = ?", [tweetID.sqlite])
        }
    }

    public func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int {
        try await store.write { tx in
            try await tx.change("DELETE FROM newsfeeds WHERE owner_id = ? AND author_id = ?", [owner.sqlite, authorID.sqlite])
        }
    }
}

/// `OutboxStore` on SQLite.
public struct SQLiteOutboxStore: OutboxStore {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func pending(limit: Int) async throws -> [Job] {
        try await store.read("SELECT id, name, payload FROM outbox ORDER BY id LIMIT ?", [limit.sqlite]).map {
            Job(id: $0.int64("id"), name: $0.string("name"), payload: $0.string("payload"))
        }
    }

    public func delete(id: Int64) async throws {
        try await store.write { tx in
            try await tx.execute("DELETE FROM outbox WHERE id = ?", [id.sqlite])
        }
    }
}
