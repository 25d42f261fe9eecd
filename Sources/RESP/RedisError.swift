/// Everything that can go wrong talking to Redis, as one error type.
///
/// A struct around a private code, so new kinds can be added without breaking callers; compare
/// `error.code` with the static members of `RedisError.Code`.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Base: Hashable, Sendable {
        case server(String)
        case connectionClosed
        case timeout
        case protocolError(String)
        case unavailable(String)
        case invalidConfiguration(String)
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// The server answered with an error reply, such as `WRONGTYPE …` or `NOSCRIPT …`.
    public static func server(_ message: String) -> RedisError { RedisError(.server(message)) }
    /// The connection closed before the reply arrived; the command may or may not have run.
    public static let connectionClosed = RedisError(.connectionClosed)
    /// No reply within the command timeout; the connection was closed, since later replies would
    /// be out of step with their commands.
    public static let timeout = RedisError(.timeout)
    /// The server sent bytes that are not valid RESP, or exceed a limit.
    public static func protocolError(_ detail: String) -> RedisError { RedisError(.protocolError(detail)) }
    /// No connection could be had: the server is down or unreachable, or the client is shut down.
    /// Returned at once while connecting is backing off, so callers never hang on a dead server.
    public static func unavailable(_ reason: String) -> RedisError { RedisError(.unavailable(reason)) }
    /// A configuration (such as a Redis URL) that cannot be used.
    public static func invalidConfiguration(_ detail: String) -> RedisError { RedisError(.invalidConfiguration(detail)) }

    /// The kind of error, to compare with `RedisError.Code`'s static members.
    public var code: Code {
        switch base {
        case .server: .server
        case .connectionClosed: .connectionClosed
        case .timeout: .timeout
        case .protocolError: .protocolError
        case .unavailable: .unavailable
        case .invalidConfiguration: .invalidConfiguration
        }
    }

    /// The server's message for a `.server` error (`"NOSCRIPT No matching script…"`).
    public var serverMessage: String? {
        if case .server(let message) = base { return message }
        return nil
    }

    /// The message without the kind: the server's message, or what went wrong.
    var detail: String {
        switch base {
        case .server(let text), .protocolError(let text), .unavailable(let text), .invalidConfiguration(let text): text
        case .connectionClosed, .timeout: description
        }
    }

    public var description: String {
        switch base {
        case .server(let message): "Redis error reply: \(message)"
        case .connectionClosed: "Redis connection closed before the reply arrived"
        case .timeout: "Redis command timed out (the connection was closed)"
        case .protocolError(let detail): "Redis protocol error: \(detail)"
        case .unavailable(let reason): "Redis unavailable: \(reason)"
        case .invalidConfiguration(let detail): "Invalid Redis configuration: \(detail)"
        }
    }

    /// The kinds of `RedisError`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        private init(_ description: String) {
            self.description = description
        }

        public static let server = Code("server")
        public static let connectionClosed = Code("connectionClosed")
        public static let timeout = Code("timeout")
        public static let protocolError = Code("protocolError")
        public static let unavailable = Code("unavailable")
        public static let invalidConfiguration = Code("invalidConfiguration")
    }
}
