import NIOCore

/// A method with the content that followed it (basic.deliver, basic.return), or a method alone.
public struct AMQPMessage: Sendable, Equatable {
    public var method: AMQPMethod
    public var properties: AMQPProperties
    public var body: ByteBuffer

    public init(method: AMQPMethod, properties: AMQPProperties = AMQPProperties(), body: ByteBuffer = ByteBuffer()) {
        self.method = method
        self.properties = properties
        self.body = body
    }

    /// The frames of a content-carrying method: the method, the header, and the body cut to fit `frameMax`.
    public static func frames(_ method: AMQPMethod, properties: AMQPProperties, body: ByteBuffer, channel: UInt16,
                              frameMax: Int) -> [AMQPFrame] {
        var header = ByteBuffer()
        AMQPContentHeader(bodySize: UInt64(body.readableBytes), properties: properties).encode(into: &header)
        var frames = [AMQPFrame.method(method, channel: channel), AMQPFrame(kind: .header, channel: channel, payload: header)]
        var rest = body
        let chunk = max(frameMax - AMQPFrame.overhead, 1)
        while let piece = rest.readSlice(length: min(chunk, rest.readableBytes)), piece.readableBytes > 0 {
            frames.append(AMQPFrame(kind: .body, channel: channel, payload: piece))
        }
        return frames
    }
}
