import SQLiteDriver
import StarlingCore

extension SQLiteRow {
    func int64(_ name: String) -> Int64 {
        Int64(column(name)?.integer ?? 0)
    }

    func int(_ name: String) -> Int {
        Int(column(name)?.integer ?? 0)
    }

    func string(_ name: String) -> String {
        column(name)?.string ?? ""
    }

    func optionalString(_ name: String) -> String? {
        guard let data = column(name), !data.isNull else { return nil }
        return data.string
    }

    func bool(_ name: String) -> Bool {
        (column(name)?.integer ?? 0) != 0
    }
}

extension Int64 {
    var sqlite: SQLiteData { .integer(Int(self)) }
}

extension Int {
    var sqlite: SQLiteData { .integer(Int(self)) }
}

extension String {
    var sqlite: SQLiteData { .text(self) }
}

extension Optional where Wrapped == String {
    var sqlite: SQLiteData { map { .text($0) } ?? .null }
}

/// SQL fragments shared by the repositories.
enum SQL {
    /// `?, ?, ?` for `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Ids as one JSON array bind, for `json_each(?)` as the outer loop of a `CROSS JOIN`: one
    /// index search per id, one statement text whatever their number, and none of the temporary
    /// index SQLite builds (and zeroes) for an `IN (?, ?, …)` list on every run.
    static func idArray(_ ids: [Int64]) -> SQLiteData {
        // Written byte by byte: appending each id's `String` cost ~1,200 instructions an id.
        var writer = JSONWriter(capacity: ids.count * 21 + 2)
        writer.array(ids)
        return writer.string.sqlite
    }

    /// The exclusive key bounds of a page, as binds for `key < ? AND key > ?`, then the limit
    /// of `limit + 1` rows that tells whether another page follows.
    static func pageBinds(_ page: PageRequest) -> [SQLiteData] {
        [page.upper.sqlite, page.lower.sqlite, page.rows.sqlite]
    }
}

extension SQLiteTransaction {
    /// Inserts rows of `width` values each (`binds` holds them one row after another) into
    /// `table (columns)`, as many rows per statement as SQLite's 32,766 variables allow, up to
    /// 1,000. Returns how many rows went in; `ignoringDuplicates` skips rows a unique key refuses.
    @discardableResult
    func insert(into tableAndColumns: String, width: Int, binds: [SQLiteData], ignoringDuplicates: Bool = false) throws -> Int {
        let rows = binds.count / width
        let rowsPerStatement = min(1_000, 32_766 / width)
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let verb = ignoringDuplicates ? "INSERT OR IGNORE" : "INSERT"
        var inserted = 0
        var start = 0
        while start < rows {
            let count = min(rowsPerStatement, rows - start)
            let values = Array(repeating: tuple, count: count).joined(separator: ", ")
            inserted += try change("\(verb) INTO \(tableAndColumns) VALUES \(values)",
                                         Array(binds[start * width ..< (start + count) * width]))
            start += count
        }
        return inserted
    }

    /// Records a job in the outbox as part of this transaction.
    func record(_ job: Job) throws {
        try execute("INSERT INTO outbox (id, name, payload) VALUES (?, ?, ?)", [job.id.sqlite, job.name.sqlite, job.payload.sqlite])
        StarlingMetrics.jobEnqueued(job.name)
    }
}
