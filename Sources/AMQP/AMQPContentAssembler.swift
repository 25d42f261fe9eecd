import NIOCore

/// Puts a channel's method, header and body frames back together into `AMQPMessage`s. Frames of
/// other kinds in the middle of a content are a protocol error.
struct AMQPContentAssembler: Sendable {
    private enum State {
        case idle
        case header(AMQPMethod)
        case body(AMQPMethod, AMQPProperties, ByteBuffer, remaining: UInt64)
    }

    private var state = State.idle

    /// Takes one frame; returns a message once one is whole.
    mutating func take(_ frame: AMQPFrame) throws -> AMQPMessage? {
        switch (state, frame.kind) {
        case (.idle, .method):
            let method = try AMQPMethod.decode(frame.payload)
            guard method.carriesContent else { return AMQPMessage(method: method) }
            state = .header(method)
            return nil
        case (.header(let method), .header):
            let header = try AMQPContentHeader.decode(frame.payload)
            guard header.bodySize > 0 else {
                state = .idle
                return AMQPMessage(method: method, properties: header.properties)
            }
            state = .body(method, header.properties, ByteBuffer(), remaining: header.bodySize)
            return nil
        case (.body(let method, let properties, var body, let remaining), .body):
            guard UInt64(frame.payload.readableBytes) <= remaining else { throw AMQPError.malformedFrame("body longer than its header said") }
            var payload = frame.payload
            body.writeBuffer(&payload)
            let left = remaining - UInt64(frame.payload.readableBytes)
            guard left == 0 else {
                state = .body(method, properties, body, remaining: left)
                return nil
            }
            state = .idle
            return AMQPMessage(method: method, properties: properties, body: body)
        default:
            throw AMQPError.malformedFrame("unexpected \(frame.kind) frame on channel \(frame.channel)")
        }
    }
}
