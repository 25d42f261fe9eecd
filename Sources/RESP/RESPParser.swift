import NIOCore

/// Reads RESP2 and RESP3 values from bytes, with no socket: the whole protocol logic of
/// `RedisReplyHandler`, tested on its own.
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
    ///
    /// The bytes are read through one pointer for the whole value: read through `ByteBuffer`, each
    /// byte and line cost a check of the buffer's storage (exclusivity and bounds), about half of
    /// what a page of twenty cached tweets cost to decode. Bulk strings come out as slices of
    /// `buffer`, sharing its storage.
    public func parse(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        let source = buffer
        let outcome = source.withUnsafeReadableBytes { bytes -> Result<(value: RESPValue, consumed: Int)?, RedisError> in
            var reader = Reader(bytes: bytes, source: source, limits: limits)
            do throws(RedisError) {
                guard let value = try reader.value(depth: 0) else { return .success(nil) }
                return .success((value, reader.offset))
            } catch {
                return .failure(error)
            }
        }
        guard let parsed = try outcome.get() else { return nil }
        buffer.moveReaderIndex(forwardBy: parsed.consumed)
        return parsed.value
    }

    /// A cursor over the readable bytes of one `parse` call.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        /// The buffer `bytes` are the readable bytes of, for slicing bulk strings out of it.
        let source: ByteBuffer
        let limits: Limits
        /// How many bytes the values read so far took.
        var offset = 0

        init(bytes: UnsafeRawBufferPointer, source: ByteBuffer, limits: Limits) {
            self.bytes = bytes
            self.source = source
            self.limits = limits
        }

        mutating func value(depth: Int) throws(RedisError) -> RESPValue? {
            guard offset < bytes.count else { return nil }
            let type = bytes[offset]
            offset += 1
            switch type {
            case UInt8(ascii: "+"):
                return try line().map { .simpleString(text($0)) }
            case UInt8(ascii: "-"):
                return try line().map { .error(text($0)) }
            case UInt8(ascii: ":"):
                guard let line = try line() else { return nil }
                return .integer(try integer(line))
            case UInt8(ascii: "$"):
                guard let length = try length(allowsNull: true, limit: limits.maxBulkLength) else { return nil }
                if length < 0 { return .null }
                return try bulk(length: length).map { .bulkString(slice($0)) }
            case UInt8(ascii: "!"):
                guard let length = try length(allowsNull: false, limit: limits.maxBulkLength) else { return nil }
                return try bulk(length: length).map { .error(text($0)) }
            case UInt8(ascii: "="):
                guard let length = try length(allowsNull: false, limit: limits.maxBulkLength) else { return nil }
                guard let range = try bulk(length: length) else { return nil }
                return try verbatim(range)
            case UInt8(ascii: "_"):
                guard let line = try line() else { return nil }
                guard line.isEmpty else { throw .protocolError("a null must be an empty line") }
                return .null
            case UInt8(ascii: "#"):
                guard let line = try line() else { return nil }
                return try boolean(text(line))
            case UInt8(ascii: ","):
                guard let line = try line() else { return nil }
                return try double(text(line))
            case UInt8(ascii: "("):
                guard let line = try line() else { return nil }
                return try bigNumber(text(line))
            case UInt8(ascii: "*"):
                guard let count = try length(allowsNull: true, limit: limits.maxAggregateCount) else { return nil }
                if count < 0 { return .null }
                return try elements(count: count, depth: depth).map(RESPValue.array)
            case UInt8(ascii: "~"):
                return try aggregate(depth: depth).map(RESPValue.set)
            case UInt8(ascii: ">"):
                return try aggregate(depth: depth).map(RESPValue.push)
            case UInt8(ascii: "%"):
                return try pairs(depth: depth).map(RESPValue.map)
            case UInt8(ascii: "|"):
                guard let attributes = try pairs(depth: depth),
                      let value = try value(depth: depth + 1) else { return nil }
                return .attributed(attributes: attributes, value: value)
            default:
                throw .protocolError("unknown type byte 0x\(String(type, radix: 16))")
            }
        }

        /// The elements of a set or push (which have no null form).
        private mutating func aggregate(depth: Int) throws(RedisError) -> [RESPValue]? {
            guard let count = try length(allowsNull: false, limit: limits.maxAggregateCount) else { return nil }
            return try elements(count: count, depth: depth)
        }

        private mutating func pairs(depth: Int) throws(RedisError) -> [RESPPair]? {
            guard let count = try length(allowsNull: false, limit: limits.maxAggregateCount) else { return nil }
            guard let flat = try elements(count: count * 2, depth: depth) else { return nil }
            return stride(from: 0, to: flat.count, by: 2).map { RESPPair(key: flat[$0], value: flat[$0 + 1]) }
        }

        private mutating func elements(count: Int, depth: Int) throws(RedisError) -> [RESPValue]? {
            guard depth < limits.maxDepth else { throw .protocolError("aggregates nested deeper than \(limits.maxDepth)") }
            var elements: [RESPValue] = []
            elements.reserveCapacity(min(count, 1024))
            for _ in 0..<count {
                guard let element = try value(depth: depth + 1) else { return nil }
                elements.append(element)
            }
            return elements
        }
    }
}
