import NIOCore

/// A message the broker delivered to a consumer. Settle it with `AMQPChannel.ack`, `nack` or
/// `reject` by its `deliveryTag`; a message never settled is redelivered when the channel closes.
public struct AMQPDelivery: Sendable {
    public var deliveryTag: UInt64
    /// True when the broker delivered it before (to a consumer that did not ack it).
    public var redelivered: Bool
    public var exchange: String
    public var routingKey: String
    public var properties: AMQPProperties
    public var body: ByteBuffer
}
