import NIOCore

/// Cuts frames out of the bytes a broker sends, with no socket: `parse` returns nil until a whole
/// frame is there (consuming nothing), and throws on garbage or on a frame over `maximumFrameSize`
/// before reading its payload.
public struct AMQPFrameParser: Sendable {
    /// The largest whole frame accepted (the negotiated frame-max; 0 would mean unlimited, which we refuse).
    public var maximumFrameSize: Int

    public init(maximumFrameSize: Int = 131_072) {
        self.maximumFrameSize = maximumFrameSize
    }

    public func parse(_ buffer: inout ByteBuffer) throws -> AMQPFrame? {
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        if type == UInt8(ascii: "A") {
            // A protocol header back: the server refuses our version.
            guard buffer.readableBytes >= 8 else { return nil }
            throw AMQPError.unsupportedProtocol
        }
        guard let kind = AMQPFrame.Kind(rawValue: type) else { throw AMQPError.malformedFrame("unknown frame type \(type)") }
        guard buffer.readableBytes >= 7,
              let channel = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt16.self),
              let size = buffer.getInteger(at: buffer.readerIndex + 3, as: UInt32.self) else { return nil }
        let total = Int(size) + AMQPFrame.overhead
        guard total <= maximumFrameSize else { throw AMQPError.frameTooLarge(total, max: maximumFrameSize) }
        guard buffer.readableBytes >= total else { return nil }
        guard buffer.getInteger(at: buffer.readerIndex + total - 1, as: UInt8.self) == AMQPFrame.end else {
            throw AMQPError.malformedFrame("no frame-end octet")
        }
        if kind == .heartbeat, channel != 0 { throw AMQPError.malformedFrame("heartbeat on channel \(channel)") }
        buffer.moveReaderIndex(forwardBy: 7)
        guard let payload = buffer.readSlice(length: Int(size)) else {
            throw AMQPError.malformedFrame("frame shorter than its size")  // unreachable: checked above
        }
        buffer.moveReaderIndex(forwardBy: 1)
        return AMQPFrame(kind: kind, channel: channel, payload: payload)
    }
}
