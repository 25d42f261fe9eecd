/// A connection's prepared statements by SQL text, so a statement it runs again skips SQLite's
/// parser and planner. Bounded: past `capacity` the least recently used statement is finalized.
///
/// Not thread-safe: only its connection's queue touches it.
final class SQLiteStatementCache {
    private struct Entry {
        let statement: SQLiteStatement
        var lastUse: UInt64
    }

    /// SQL longer than this (multi-row INSERTs of a bulk load) is prepared for one use: such
    /// texts rarely repeat, and their compiled programs are large.
    static let longestCachedSQL = 4_096

    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var uses: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// How many statements the cache holds.
    var count: Int { entries.count }

    /// The cached statement for `sql`, or nil.
    func statement(for sql: String) -> SQLiteStatement? {
        guard let index = entries.index(forKey: sql) else { return nil }
        uses &+= 1
        entries.values[index].lastUse = uses
        return entries.values[index].statement
    }

    /// Keeps `statement` for `sql`, evicting the least recently used one if the cache is full.
    func insert(_ statement: SQLiteStatement, for sql: String) {
        guard capacity > 0, sql.utf8.count <= Self.longestCachedSQL else { return }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
        }
        uses &+= 1
        entries[sql] = Entry(statement: statement, lastUse: uses)
    }

    /// Finalizes every statement (before the connection closes).
    func removeAll() {
        entries.removeAll()
    }
}
