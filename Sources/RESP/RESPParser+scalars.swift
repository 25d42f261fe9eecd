import NIOCore

extension RESPParser.Reader {
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Where the bytes up to the next CRLF are, consuming the CRLF too; nil when the line is not
    /// complete.
    mutating func line() throws(RedisError) -> Range<Int>? {
        var end = offset
        while end < bytes.count, bytes[end] != Self.cr { end += 1 }
        let length = end - offset
        guard length <= limits.maxLineLength else { throw .protocolError("a line longer than \(limits.maxLineLength) bytes") }
        guard end + 1 < bytes.count else { return nil }
        guard bytes[end + 1] == Self.lf else { throw .protocolError("a carriage return without a line feed") }
        defer { offset = end + 2 }
        return offset..<end
    }

    /// A decimal 64-bit integer, optionally signed; nothing else on the line.
    func integer(_ line: Range<Int>) throws(RedisError) -> Int64 {
        switch DecimalDigits.parse(UnsafeRawBufferPointer(rebasing: bytes[line])) {
        case .value(let value): return value
        case .invalid: throw .protocolError("invalid integer '\(text(line))'")
        case .outOfRange: throw .protocolError("integer out of range '\(text(line))'")
        }
    }

    /// The length line of a bulk string or aggregate: -1 (when allowed) for null, else `0...limit`.
    mutating func length(allowsNull: Bool, limit: Int) throws(RedisError) -> Int? {
        guard let line = try line() else { return nil }
        let length = try integer(line)
        if length == -1, allowsNull { return -1 }
        guard length >= 0 else { throw .protocolError("invalid length \(length)") }
        guard length <= limit else { throw .protocolError("length \(length) over the limit of \(limit)") }
        return Int(length)
    }

    /// Where `length` bytes followed by CRLF are, consuming them.
    mutating func bulk(length: Int) throws(RedisError) -> Range<Int>? {
        guard bytes.count - offset >= length + 2 else { return nil }
        let end = offset + length
        guard bytes[end] == Self.cr, bytes[end + 1] == Self.lf else {
            throw .protocolError("a bulk string not followed by CRLF")
        }
        defer { offset = end + 2 }
        return offset..<end
    }

    /// The bytes at `range`, as a slice of the buffer (no copy).
    func slice(_ range: Range<Int>) -> ByteBuffer {
        source.getSlice(at: source.readerIndex + range.lowerBound, length: range.count) ?? ByteBuffer()
    }

    /// The bytes at `range`, as text.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func verbatim(_ range: Range<Int>) throws(RedisError) -> RESPValue {
        guard range.count >= 4, bytes[range.lowerBound + 3] == UInt8(ascii: ":") else {
            throw .protocolError("a verbatim string without its 'fmt:' prefix")
        }
        return .verbatimString(format: text(range.lowerBound..<range.lowerBound + 3), text: text(range.lowerBound + 4..<range.upperBound))
    }

    func boolean(_ text: String) throws(RedisError) -> RESPValue {
        switch text {
        case "t": return .boolean(true)
        case "f": return .boolean(false)
        default: throw .protocolError("invalid boolean '\(text)'")
        }
    }

    func double(_ text: String) throws(RedisError) -> RESPValue {
        let allowed = text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || "+-.eE".utf8.contains($0) }
        if allowed, let value = Double(text) { return .double(value) }
        switch text {
        case "inf", "+inf": return .double(.infinity)
        case "-inf": return .double(-.infinity)
        case "nan", "-nan": return .double(.nan)
        default: throw .protocolError("invalid double '\(text)'")
        }
    }

    func bigNumber(_ text: String) throws(RedisError) -> RESPValue {
        let digits = text.utf8.drop(while: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
        guard !digits.isEmpty, text.utf8.count - digits.count <= 1,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .protocolError("invalid big number '\(text)'")
        }
        return .bigNumber(text)
    }
}
