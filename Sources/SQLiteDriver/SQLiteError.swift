import CSystemSQLite

/// An error SQLite reported, with its result code and message (`UNIQUE constraint failed: ...`).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY_SNAPSHOT`, ...).
    public let extendedCode: Int32
    /// SQLite's message.
    public let message: String

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public var code: Int32 { extendedCode & 0xff }

    /// Another connection holds a lock longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// A constraint (unique, foreign key, check, not null) refused the change.
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }

    public var description: String { "SQLite error \(extendedCode): \(message)" }

    init(code: Int32, message: String) {
        self.extendedCode = code
        self.message = message
    }

    /// The last error of `database`, under `code`, the result that reported it.
    init(code: Int32, database: OpaquePointer?) {
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(code: code, message: message ?? String(cString: sqlite3_errstr(code)))
    }
}
