import CSystemSQLite

/// A prepared statement of one connection, run any number of times with new binds.
///
/// Not thread-safe: only its connection's queue touches it.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: OpaquePointer

    /// Prepares the single statement `sql` on `database`; nil if `sql` holds no statement (only
    /// white space or comments). `persistent` tells SQLite the statement will be reused.
    init?(sql: String, database: OpaquePointer, persistent: Bool) throws {
        var handle: OpaquePointer?
        var rest = ""
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // The tail points into the C string, which lives only inside `withCString`.
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &handle, &tail)
            rest = tail.map { String(cString: $0) } ?? ""
            return code
        }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database) }
        guard let handle else { return nil }
        if !rest.allSatisfy(\.isWhitespace) {
            sqlite3_finalize(handle)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement in: \(sql)")
        }
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `binds` to the statement's parameters in order, steps through every row, and resets
    /// the statement for its next use, whether it succeeded or not.
    func run(_ binds: [SQLiteData]) throws -> [SQLiteRow] {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in binds.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database) }
        }
        var rows: [SQLiteRow] = []
        var names: [String]?
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw SQLiteError(code: code, database: database) }
            let columns = names ?? columnNames()
            names = columns
            rows.append(SQLiteRow(columnNames: columns, values: (0..<Int32(columns.count)).map(value(at:))))
        }
    }

    private func columnNames() -> [String] {
        (0..<sqlite3_column_count(handle)).map { sqlite3_column_name(handle, $0).map { String(cString: $0) } ?? "" }
    }

    private func value(at column: Int32) -> SQLiteData {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite3_column_int64(handle, column)))
        case SQLITE_FLOAT:
            return .float(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    private func bind(_ value: SQLiteData, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, sqlite3_int64(number))
        case .float(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(var text):
            return text.withUTF8 { utf8 in
                guard let base = utf8.baseAddress, !utf8.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(utf8.count), transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            return bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, !raw.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
                return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(raw.count), transient)
            }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }
}

/// Tells SQLite to copy a bound text or blob before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
