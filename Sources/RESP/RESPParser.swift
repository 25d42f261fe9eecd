import NIOCore

/// Reads RESP2 and RESP3 values from bytes, with no socket: the whole protocol logic of
/// `RESPResponseDecoder`, tested on its own.
///
/// A value is read only once all of its bytes are there; until then the buffer is left as it
/// was and `parse` answers nil ("need more data"). Input that is not RESP, or that exceeds a
/// limit, throws `RedisError.protocolError` — the connection cannot recover its framing after that.
public struct RESPParser: Sendable {
    /// Bounds that keep a broken or hostile server from making the client allocate without end.
    public struct Limits: Sendable, Hashable {
        /// The longest bulk string (Redis's own limit is 512 MB).
        public var maxBulkLength: Int
        /// The most elements of one array, set, push, or pairs of one map.
        public var maxAggregateCount: Int
        /// How deeply aggregates may nest.
        public var maxDepth: Int
        /// The longest line of a simple string, error, integer, double or big number.
        public var maxLineLength: Int

        public init(maxBulkLength: Int = 512 * 1024 * 1024, maxAggregateCount: Int = 16 * 1024 * 1024,
                    maxDepth: Int = 32, maxLineLength: Int = 64 * 1024) {
            self.maxBulkLength = maxBulkLength
            self.maxAggregateCount = maxAggregateCount
            self.maxDepth = maxDepth
            self.maxLineLength = maxLineLength
        }
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads one whole value from the front of `buffer` and consumes its bytes; nil, consuming
    /// nothing, when the value is not complete yet.
    public func parse(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        var cursor = buffer
        guard let value = try value(&cursor, depth: 0) else { return nil }
        buffer.moveReaderIndex(to: cursor.readerIndex)
        return value
    }

    func value(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> RESPValue? {
        guard let type = buffer.readInteger(as: UInt8.self) else { return nil }
        switch type {
        case UInt8(ascii: "+"):
            return try line(&buffer).map { .simpleString(String(buffer: $0)) }
        case UInt8(ascii: "-"):
            return try line(&buffer).map { .error(String(buffer: $0)) }
        case UInt8(ascii: ":"):
            guard let line = try line(&buffer) else { return nil }
            return .integer(try integer(line))
        case UInt8(ascii: "$"):
            guard let length = try length(&buffer, allowsNull: true, limit: limits.maxBulkLength) else { return nil }
            if length < 0 { return .null }
            return try bulk(&buffer, length: length).map { .bulkString($0) }
        case UInt8(ascii: "!"):
            guard let length = try length(&buffer, allowsNull: false, limit: limits.maxBulkLength) else { return nil }
            return try bulk(&buffer, length: length).map { .error(String(buffer: $0)) }
        case UInt8(ascii: "="):
            guard let length = try length(&buffer, allowsNull: false, limit: limits.maxBulkLength) else { return nil }
            return try bulk(&buffer, length: length).map(verbatim)
        case UInt8(ascii: "_"):
            guard let line = try line(&buffer) else { return nil }
            guard line.readableBytes == 0 else { throw .protocolError("a null must be an empty line") }
            return .null
        case UInt8(ascii: "#"):
            return try line(&buffer).map(boolean)
        case UInt8(ascii: ","):
            return try line(&buffer).map(double)
        case UInt8(ascii: "("):
            return try line(&buffer).map(bigNumber)
        case UInt8(ascii: "*"):
            guard let count = try length(&buffer, allowsNull: true, limit: limits.maxAggregateCount) else { return nil }
            if count < 0 { return .null }
            return try elements(&buffer, count: count, depth: depth).map(RESPValue.array)
        case UInt8(ascii: "~"):
            return try aggregate(&buffer, depth: depth).map(RESPValue.set)
        case UInt8(ascii: ">"):
            return try aggregate(&buffer, depth: depth).map(RESPValue.push)
        case UInt8(ascii: "%"):
            return try pairs(&buffer, depth: depth).map(RESPValue.map)
        case UInt8(ascii: "|"):
            guard let attributes = try pairs(&buffer, depth: depth),
                  let value = try value(&buffer, depth: depth + 1) else { return nil }
            return .attributed(attributes: attributes, value: value)
        default:
            throw .protocolError("unknown type byte 0x\(String(type, radix: 16))")
        }
    }

    /// The elements of a set or push (which have no null form).
    private func aggregate(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> [RESPValue]? {
        guard let count = try length(&buffer, allowsNull: false, limit: limits.maxAggregateCount) else { return nil }
        return try elements(&buffer, count: count, depth: depth)
    }

    private func pairs(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> [RESPPair]? {
        guard let count = try length(&buffer, allowsNull: false, limit: limits.maxAggregateCount) else { return nil }
        guard let flat = try elements(&buffer, count: count * 2, depth: depth) else { return nil }
        return stride(from: 0, to: flat.count, by: 2).map { RESPPair(key: flat[$0], value: flat[$0 + 1]) }
    }

    private func elements(_ buffer: inout ByteBuffer, count: Int, depth: Int) throws(RedisError) -> [RESPValue]? {
        guard depth < limits.maxDepth else { throw .protocolError("aggregates nested deeper than \(limits.maxDepth)") }
        var elements: [RESPValue] = []
        elements.reserveCapacity(min(count, 1024))
        for _ in 0..<count {
            guard let element = try value(&buffer, depth: depth + 1) else { return nil }
            elements.append(element)
        }
        return elements
    }
}
