import NIOCore

extension RESPValue {
    /// The value itself, without any RESP3 attributes the server attached to it.
    public var withoutAttributes: RESPValue {
        if case .attributed(_, let value) = self { return value.withoutAttributes }
        return self
    }

    /// The text of a simple, bulk or verbatim string (bulk bytes read as UTF-8).
    public var string: String? {
        switch withoutAttributes {
        case .simpleString(let text): text
        case .bulkString(let bytes): String(buffer: bytes)
        case .verbatimString(_, let text): text
        default: nil
        }
    }

    /// The bytes of a bulk string (or of a simple string's text).
    public var bytes: ByteBuffer? {
        switch withoutAttributes {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): ByteBuffer(string: text)
        default: nil
        }
    }

    /// An integer reply, or a string holding a decimal integer (as `HGET` or `GET` answer).
    public var int: Int? {
        switch withoutAttributes {
        case .integer(let value): Int(exactly: value)
        case .simpleString, .bulkString: string.flatMap { Int($0) }
        default: nil
        }
    }

    /// A bulk string holding a decimal 64-bit integer (as a sorted set's members are), read from
    /// its bytes without a `String`.
    public var decimal: Int64? {
        guard case .bulkString(let bytes) = withoutAttributes else { return nil }
        guard case .value(let value) = bytes.withUnsafeReadableBytes(DecimalDigits.parse) else { return nil }
        return value
    }

    /// The elements of an array, set or push.
    public var array: [RESPValue]? {
        switch withoutAttributes {
        case .array(let values), .set(let values), .push(let values): values
        default: nil
        }
    }

    /// Whether this is the absent value.
    public var isNull: Bool {
        withoutAttributes == .null
    }

    /// The message of an error reply.
    public var errorMessage: String? {
        if case .error(let message) = withoutAttributes { return message }
        return nil
    }
}

extension Collection where Element == RESPValue {
    /// These replies, when none is an error reply; else the first error reply throws
    /// `RedisError.server`.
    @discardableResult
    public func throwingFirstError() throws -> Self {
        if let message = lazy.compactMap(\.errorMessage).first { throw RedisError.server(message) }
        return self
    }
}
