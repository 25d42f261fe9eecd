import NIOCore

/// The basic-class properties of a message, as carried in its content header. Only the
/// properties present are written (the property-flags bitmask says which).
public struct AMQPProperties: Sendable, Equatable {
    public var contentType: String?
    public var contentEncoding: String?
    public var headers: AMQPTable?
    /// 2: persistent (written to disk by a durable queue); 1: transient.
    public var deliveryMode: UInt8?
    public var priority: UInt8?
    public var correlationID: String?
    public var replyTo: String?
    /// Per-message TTL in milliseconds, as text.
    public var expiration: String?
    public var messageID: String?
    public var timestamp: UInt64?
    public var type: String?
    public var userID: String?
    public var appID: String?
    public var clusterID: String?

    public init(contentType: String? = nil, headers: AMQPTable? = nil, deliveryMode: UInt8? = nil, expiration: String? = nil,
                messageID: String? = nil, type: String? = nil) {
        self.contentType = contentType
        self.headers = headers
        self.deliveryMode = deliveryMode
        self.expiration = expiration
        self.messageID = messageID
        self.type = type
    }

    /// A persistent message.
    public static var persistent: AMQPProperties { AMQPProperties(deliveryMode: 2) }
}
