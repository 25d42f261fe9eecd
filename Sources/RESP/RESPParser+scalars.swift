import NIOCore

extension RESPParser {
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The bytes up to the next CRLF, consuming the CRLF too; nil when the line is not complete.
    func line(_ buffer: inout ByteBuffer) throws(RedisError) -> ByteBuffer? {
        let view = buffer.readableBytesView
        guard let crIndex = view.firstIndex(of: Self.cr) else {
            if view.count > limits.maxLineLength { throw .protocolError("a line longer than \(limits.maxLineLength) bytes") }
            return nil
        }
        let length = crIndex - view.startIndex
        guard length <= limits.maxLineLength else { throw .protocolError("a line longer than \(limits.maxLineLength) bytes") }
        guard buffer.readableBytes >= length + 2 else { return nil }
        guard buffer.getInteger(at: buffer.readerIndex + length + 1, as: UInt8.self) == Self.lf else {
            throw .protocolError("a carriage return without a line feed")
        }
        guard let line = buffer.readSlice(length: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// A decimal 64-bit integer, optionally signed; nothing else on the line.
    func integer(_ line: ByteBuffer) throws(RedisError) -> Int64 {
        var digits = line.readableBytesView[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 19 else { throw .protocolError("invalid integer '\(String(buffer: line))'") }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .protocolError("invalid integer '\(String(buffer: line))'")
            }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !overflow2 else { throw .protocolError("integer out of range '\(String(buffer: line))'") }
            value = next
        }
        return value
    }

    /// The length line of a bulk string or aggregate: -1 (when allowed) for null, else `0...limit`.
    func length(_ buffer: inout ByteBuffer, allowsNull: Bool, limit: Int) throws(RedisError) -> Int? {
        guard let line = try line(&buffer) else { return nil }
        let length = try integer(line)
        if length == -1, allowsNull { return -1 }
        guard length >= 0 else { throw .protocolError("invalid length \(length)") }
        guard length <= limit else { throw .protocolError("length \(length) over the limit of \(limit)") }
        return Int(length)
    }

    /// `length` bytes followed by CRLF.
    func bulk(_ buffer: inout ByteBuffer, length: Int) throws(RedisError) -> ByteBuffer? {
        guard buffer.readableBytes >= length + 2 else { return nil }
        guard let bytes = buffer.readSlice(length: length) else { return nil }
        guard buffer.readInteger(as: UInt8.self) == Self.cr, buffer.readInteger(as: UInt8.self) == Self.lf else {
            throw .protocolError("a bulk string not followed by CRLF")
        }
        return bytes
    }

    func verbatim(_ bytes: ByteBuffer) throws(RedisError) -> RESPValue {
        guard bytes.readableBytes >= 4, bytes.getInteger(at: bytes.readerIndex + 3, as: UInt8.self) == UInt8(ascii: ":") else {
            throw .protocolError("a verbatim string without its 'fmt:' prefix")
        }
        let format = String(buffer: bytes.getSlice(at: bytes.readerIndex, length: 3) ?? ByteBuffer())
        let text = String(buffer: bytes.getSlice(at: bytes.readerIndex + 4, length: bytes.readableBytes - 4) ?? ByteBuffer())
        return .verbatimString(format: format, text: text)
    }

    func boolean(_ line: ByteBuffer) throws(RedisError) -> RESPValue {
        switch String(buffer: line) {
        case "t": return .boolean(true)
        case "f": return .boolean(false)
        default: throw .protocolError("invalid boolean '\(String(buffer: line))'")
        }
    }

    func double(_ line: ByteBuffer) throws(RedisError) -> RESPValue {
        let text = String(buffer: line)
        let allowed = text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || "+-.eE".utf8.contains($0) }
        if allowed, let value = Double(text) { return .double(value) }
        switch text {
        case "inf", "+inf": return .double(.infinity)
        case "-inf": return .double(-.infinity)
        case "nan", "-nan": return .double(.nan)
        default: throw .protocolError("invalid double '\(text)'")
        }
    }

    func bigNumber(_ line: ByteBuffer) throws(RedisError) -> RESPValue {
        let text = String(buffer: line)
        let digits = text.utf8.drop(while: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
        guard !digits.isEmpty, text.utf8.count - digits.count <= 1,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .protocolError("invalid big number '\(text)'")
        }
        return .bigNumber(text)
    }
}
