import NIOCore

/// Frames the bytes a memcached server sends into `MemcachedResponse`s, for a channel pipeline.
/// All the protocol logic is in the socket-free `MemcachedParser`.
public struct MemcachedResponseDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = MemcachedResponse

    private let parser: MemcachedParser

    public init(limits: MemcachedParser.Limits = MemcachedParser.Limits()) {
        self.parser = MemcachedParser(limits: limits)
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> MemcachedResponse? {
        try parser.parse(&buffer)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> MemcachedResponse? {
        try decode(buffer: &buffer)
    }
}
