import NIOCore

/// One request to the server: an array of bulk strings, the command's name first
/// (`RESPCommand("SET", key, value, "PX", 500)`).
///
/// Arguments are encoded as they are appended, so sending a command copies its bytes once.
public struct RESPCommand: Sendable, Hashable, CustomStringConvertible {
    /// The arguments, each already written as a RESP bulk string.
    private(set) var encodedArguments: ByteBuffer
    /// How many arguments, the name included.
    public private(set) var argumentCount: Int
    /// The command's name, for logs and errors (never its arguments, which may be secrets).
    public let name: String

    public init(_ name: String, _ arguments: any RESPArgument...) {
        self.name = name
        self.encodedArguments = ByteBuffer()
        self.argumentCount = 0
        append(name)
        for argument in arguments { append(argument) }
    }

    /// A command from its words, as typed at `redis-cli` (`["GET", "key"]`).
    public init(_ words: [String]) {
        self.init(words.first ?? "")
        for word in words.dropFirst() { append(word) }
    }

    /// Adds one argument at the end.
    public mutating func append(_ argument: some RESPArgument) {
        argument.writeBulkString(into: &encodedArguments)
        argumentCount += 1
    }

    /// Adds arguments at the end.
    public mutating func append<Arguments: Sequence>(contentsOf arguments: Arguments) where Arguments.Element: RESPArgument {
        for argument in arguments { append(argument) }
    }

    public var description: String { "\(name) (\(argumentCount - 1) arguments)" }
}

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
