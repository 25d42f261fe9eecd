/// One SQLite value: a bind of a statement or a column of a row.
public enum SQLiteData: Sendable, Hashable {
    case integer(Int)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// The value as an integer: text that spells one, a float with its fraction dropped; nil for
    /// NULL, a blob, or a number out of range.
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .float(let value): Int(exactly: value.rounded(.towardZero))
        case .text(let value): Int(value)
        case .blob, .null: nil
        }
    }

    /// The value as a float; nil for NULL or a blob.
    public var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .float(let value): value
        case .text(let value): Double(value)
        case .blob, .null: nil
        }
    }

    /// The value as text (numbers spelled out, a blob decoded as UTF-8); nil for NULL.
    public var string: String? {
        switch self {
        case .integer(let value): String(value)
        case .float(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    /// The bytes of a blob or of text; nil otherwise.
    public var blob: [UInt8]? {
        switch self {
        case .blob(let bytes): bytes
        case .text(let value): Array(value.utf8)
        case .integer, .float, .null: nil
        }
    }

    /// Whether the value is SQL NULL.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
