import NIOCore

/// A value that can be an argument of a `RESPCommand`: it writes itself as a bulk string.
public protocol RESPArgument: Sendable {
    /// Writes `$<length>\r\n<bytes>\r\n`.
    func writeBulkString(into buffer: inout ByteBuffer)
}

extension String: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        buffer.writeString("$\(utf8.count)\r\n")
        buffer.writeString(self)
        buffer.writeStaticString("\r\n")
    }
}

extension ByteBuffer: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        buffer.writeString("$\(readableBytes)\r\n")
        buffer.writeImmutableBuffer(self)
        buffer.writeStaticString("\r\n")
    }
}

extension Int: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        String(self).writeBulkString(into: &buffer)
    }
}

extension Int64: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        String(self).writeBulkString(into: &buffer)
    }
}

extension Double: RESPArgument {
    /// Whole numbers below 2^53 are written as integers (`1767225600000000`, not `1.7672256e+15`),
    /// so sorted-set scores that are ids read back exactly; infinities as `inf` and `-inf`.
    public func writeBulkString(into buffer: inout ByteBuffer) {
        scoreText.writeBulkString(into: &buffer)
    }

    var scoreText: String {
        self == rounded() && abs(self) < 9_007_199_254_740_992 ? String(Int64(self)) : description
    }
}
