import NIOCore

/// One AMQP 0-9-1 frame: `type(1) channel(2) size(4) payload(size) 0xCE`.
public struct AMQPFrame: Sendable, Equatable {
    /// The frame types of the protocol.
    public enum Kind: UInt8, Sendable {
        case method = 1
        case header = 2
        case body = 3
        case heartbeat = 8
    }

    public var kind: Kind
    public var channel: UInt16
    public var payload: ByteBuffer

    public init(kind: Kind, channel: UInt16, payload: ByteBuffer) {
        self.kind = kind
        self.channel = channel
        self.payload = payload
    }

    /// The frame-end octet.
    static let end: UInt8 = 0xCE
    /// Type, channel and size before the payload, the end octet after it.
    public static let overhead = 8
    /// What a client sends first: "AMQP" 0 0 9 1.
    public static let protocolHeader: [UInt8] = Array("AMQP".utf8) + [0, 0, 9, 1]

    /// A heartbeat frame (always on channel 0, empty).
    public static var heartbeat: AMQPFrame { AMQPFrame(kind: .heartbeat, channel: 0, payload: ByteBuffer()) }

    /// A method frame.
    public static func method(_ method: AMQPMethod, channel: UInt16) -> AMQPFrame {
        var payload = ByteBuffer()
        method.encode(into: &payload)
        return AMQPFrame(kind: .method, channel: channel, payload: payload)
    }

    /// Appends the frame's bytes.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(kind.rawValue)
        buffer.writeInteger(channel)
        buffer.writeInteger(UInt32(payload.readableBytes))
        var copy = payload
        buffer.writeBuffer(&copy)
        buffer.writeInteger(Self.end)
    }
}
