/// A consumer started by `AMQPChannel.consume`: its tag and the messages delivered to it.
public struct AMQPConsumer: Sendable {
    public let tag: String
    public let deliveries: AsyncThrowingStream<AMQPDelivery, any Error>
}
