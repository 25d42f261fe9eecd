/// Every failure of the AMQP client: a struct over a private code, so codes can be added without
/// breaking callers.
public struct AMQPError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case malformedFrame
        case frameTooLarge
        case unsupportedProtocol
        case connectionClosed
        case unavailable
        case serverClosed(code: UInt16)
        case heartbeatMissed
        case nacked
        case returned
        case cancelled
        case timeout
    }

    private let code: Code
    /// What happened, for logs.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "AMQPError: \(message)" }

    public static func == (lhs: AMQPError, rhs: AMQPError) -> Bool { lhs.code == rhs.code }

    /// Bytes that are not an AMQP frame (bad type, missing frame-end, truncated arguments).
    public static func malformedFrame(_ why: String) -> AMQPError { AMQPError(.malformedFrame, "malformed frame: \(why)") }
    /// A frame larger than the negotiated frame-max.
    public static func frameTooLarge(_ size: Int, max: Int) -> AMQPError {
        AMQPError(.frameTooLarge, "frame of \(size) bytes over the maximum \(max)")
    }
    /// The server answered with a protocol header: it does not speak AMQP 0-9-1.
    public static let unsupportedProtocol = AMQPError(.unsupportedProtocol, "the server does not speak AMQP 0-9-1")
    /// The connection or channel is closed (or closing); nothing more can be sent on it.
    public static let connectionClosed = AMQPError(.connectionClosed, "the connection is closed")
    /// The broker could not be reached or refused the login.
    public static func unavailable(_ why: String) -> AMQPError { AMQPError(.unavailable, why) }
    /// The server closed the connection or channel with `code` (e.g. 404 NOT_FOUND, 406 PRECONDITION_FAILED).
    public static func serverClosed(code: UInt16, text: String) -> AMQPError {
        AMQPError(.serverClosed(code: code), "closed by the server: \(code) \(text)")
    }
    /// Nothing arrived from the peer for two heartbeat intervals.
    public static let heartbeatMissed = AMQPError(.heartbeatMissed, "the peer missed its heartbeats")
    /// The broker refused a published message (basic.nack).
    public static let nacked = AMQPError(.nacked, "the broker nacked the message")
    /// A mandatory message could not be routed to any queue (basic.return).
    public static func returned(code: UInt16, text: String) -> AMQPError { AMQPError(.returned, "message returned: \(code) \(text)") }
    /// The server cancelled a consumer (its queue was deleted, say).
    public static let cancelled = AMQPError(.cancelled, "the consumer was cancelled by the server")
    /// An answer did not come in time.
    public static let timeout = AMQPError(.timeout, "no answer in time")
    /// The broker did not answer `method` (or confirm a publish) within `timeout`: the connection
    /// is treated as dead and closed, and an `AMQPClient` opens another. Equal to `timeout`.
    public static func methodTimeout(_ method: String, after timeout: Duration) -> AMQPError {
        AMQPError(.timeout, "no answer to \(method) within \(timeout); the connection is treated as dead")
    }
}
