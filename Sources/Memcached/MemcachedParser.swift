import NIOCore

/// Reads meta-protocol answers from bytes, with no socket: the whole protocol logic of
/// `MemcachedResponseDecoder`, tested on its own.
///
/// An answer is read only once all of its bytes are there; until then the buffer is left as it
/// was and `parse` answers nil ("need more data"). Input that is not the protocol, or exceeds a
/// limit, throws `MemcachedError.protocolError`: the connection cannot recover its framing.
public struct MemcachedParser: Sendable {
    /// Bounds that keep a broken or hostile server from making the client allocate without end.
    public struct Limits: Sendable, Hashable {
        /// The longest data block of a `VA` (memcached's own item limit is 1 MB by default).
        public var maxValueLength: Int
        /// The longest line, without its `\r\n`.
        public var maxLineLength: Int

        public init(maxValueLength: Int = 64 * 1024 * 1024, maxLineLength: Int = 8 * 1024) {
            self.maxValueLength = maxValueLength
            self.maxLineLength = maxLineLength
        }
    }

    /// The limits this parser enforces.
    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads one whole answer from the front of `buffer` and consumes its bytes; nil, consuming
    /// nothing, when the answer is not complete yet.
    public func parse(_ buffer: inout ByteBuffer) throws(MemcachedError) -> MemcachedResponse? {
        var cursor = buffer
        guard let line = try line(&cursor) else { return nil }
        let words = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard let code = words.first else { throw .protocolError("an empty line") }
        let rest = words.dropFirst()
        let response: MemcachedResponse
        switch String(decoding: code, as: UTF8.self) {
        case "VA":
            guard let sizeWord = rest.first, let size = Self.unsigned(sizeWord), size <= UInt64(limits.maxValueLength) else {
                throw .protocolError("VA without a valid size within \(limits.maxValueLength) bytes")
            }
            let length = Int(size)
            guard cursor.readableBytes >= length + 2 else { return nil }
            guard let value = cursor.readSlice(length: length), cursor.readBytes(length: 2) == [13, 10] else {
                throw .protocolError("a data block not ended by \\r\\n")
            }
            response = MemcachedResponse(status: .value, flags: try Self.flags(rest.dropFirst()), value: value)
        case "HD": response = MemcachedResponse(status: .success, flags: try Self.flags(rest))
        case "EN": response = MemcachedResponse(status: .miss, flags: try Self.flags(rest))
        case "NF": response = MemcachedResponse(status: .notFound, flags: try Self.flags(rest))
        case "NS": response = MemcachedResponse(status: .notStored, flags: try Self.flags(rest))
        case "EX": response = MemcachedResponse(status: .exists, flags: try Self.flags(rest))
        case "MN": response = MemcachedResponse(status: .noop)
        case "END": response = MemcachedResponse(status: .end)
        case "STAT":
            guard let name = rest.first else { throw .protocolError("STAT without a name") }
            let value = rest.dropFirst().map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            response = MemcachedResponse(status: .stat(name: String(decoding: name, as: UTF8.self), value: value))
        case "ERROR", "CLIENT_ERROR", "SERVER_ERROR":
            response = MemcachedResponse(status: .error(String(decoding: line, as: UTF8.self)))
        default:
            throw .protocolError("unknown answer '\(String(decoding: code.prefix(16), as: UTF8.self))'")
        }
        buffer.moveReaderIndex(to: cursor.readerIndex)
        return response
    }

    /// The next line without its `\r\n`, consumed; nil when it has not fully arrived.
    private func line(_ buffer: inout ByteBuffer) throws(MemcachedError) -> [UInt8]? {
        let view = buffer.readableBytesView
        guard let newline = view.prefix(limits.maxLineLength + 2).firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > limits.maxLineLength + 1 { throw .protocolError("a line longer than \(limits.maxLineLength) bytes") }
            return nil
        }
        let length = newline - view.startIndex
        guard length >= 1, view[newline - 1] == UInt8(ascii: "\r") else { throw .protocolError("a line not ended by \\r\\n") }
        guard let bytes = buffer.readBytes(length: length + 1) else { return nil }
        let line = bytes.dropLast(2)
        guard line.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw .protocolError("a control or non-ASCII byte in a line") }
        return Array(line)
    }

    static func flags(_ words: some Sequence<ArraySlice<UInt8>>) throws(MemcachedError) -> MemcachedResponse.Flags {
        var flags = MemcachedResponse.Flags()
        for word in words {
            guard let letter = word.first else { continue }
            let token = word.dropFirst()
            func number<T: FixedWidthInteger>(_ type: T.Type) throws(MemcachedError) -> T {
                guard let value = unsigned(token), let number = T(exactly: value) else {
                    throw .protocolError("flag \(Character(UnicodeScalar(letter))) has no valid number")
                }
                return number
            }
            switch letter {
            case UInt8(ascii: "c"): flags.cas = try number(UInt64.self)
            case UInt8(ascii: "t"): flags.ttl = token.elementsEqual("-1".utf8) ? -1 : try number(Int.self)
            case UInt8(ascii: "O"): flags.opaque = try number(UInt32.self)
            case UInt8(ascii: "k"): flags.key = String(decoding: token, as: UTF8.self)
            case UInt8(ascii: "W"): flags.won = true
            case UInt8(ascii: "X"): flags.stale = true
            case UInt8(ascii: "Z"): flags.alreadyWon = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            default: throw .protocolError("a returned flag that is not a letter")
            }
        }
        return flags
    }

    /// Decimal digits only, without overflow; nil for anything else.
    static func unsigned(_ digits: some Collection<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
