import NIOCore

/// Writes commands as RESP arrays of bulk strings, with no socket. Many commands written into
/// one buffer go out in one write: that is a pipeline.
public struct RESPRequestEncoder: Sendable {
    public init() {}

    /// Appends `*<count>\r\n` and the command's bulk strings to `buffer`.
    public func encode(_ command: RESPCommand, into buffer: inout ByteBuffer) {
        buffer.writeBulkStringHeader(length: command.argumentCount, marker: UInt8(ascii: "*"))
        buffer.writeImmutableBuffer(command.encodedArguments)
    }

    /// Appends every command, in order.
    public func encode(_ commands: some Sequence<RESPCommand>, into buffer: inout ByteBuffer) {
        for command in commands { encode(command, into: &buffer) }
    }
}
