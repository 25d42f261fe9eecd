import NIOCore

/// Frames the bytes a broker sends into `AMQPFrame`s, for a channel pipeline. All the protocol
/// logic is in the socket-free `AMQPFrameParser`.
public struct AMQPFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = AMQPFrame

    private let parser: AMQPFrameParser

    public init(parser: AMQPFrameParser = AMQPFrameParser()) {
        self.parser = parser
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> AMQPFrame? {
        try parser.parse(&buffer)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> AMQPFrame? {
        try decode(buffer: &buffer)
    }
}
