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

    /// A command of a name and many keys, their bytes reserved at once (a key is rarely above 32
    /// bytes written) rather than grown by doubling.
    init<Key: RESPArgument>(_ name: String, keys: [Key]) {
        self.init(name)
        encodedArguments.reserveCapacity(minimumWritableBytes: keys.count * 32)
        for key in keys { append(key) }
    }

    public var description: String { "\(name) (\(argumentCount - 1) arguments)" }
}
