import NIOCore

/// Frames the bytes a Redis server sends into `RESPValue`s, for a channel pipeline.
/// All the protocol logic is in the socket-free `RESPParser`.
public struct RESPResponseDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = RESPValue

    private let parser: RESPParser

    public init(limits: RESPParser.Limits = RESPParser.Limits()) {
        self.parser = RESPParser(limits: limits)
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> RESPValue? {
        try parser.parse(&buffer)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> RESPValue? {
        try decode(buffer: &buffer)
    }
}
