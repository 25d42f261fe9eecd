/// Everything that can go wrong talking to memcached, as one error type.
///
/// A struct around a private code, so new kinds can be added without breaking callers; compare
/// `error.code` with the static members of `MemcachedError.Code`.
public struct MemcachedError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Base: Hashable, Sendable {
        case server(String)
        case connectionClosed
        case timeout
        case protocolError(String)
        case unavailable(String)
        case invalidKey(String)
        case invalidConfiguration(String)
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// The server answered `ERROR`, `CLIENT_ERROR …` or `SERVER_ERROR …`.
    public static func server(_ message: String) -> MemcachedError { MemcachedError(.server(message)) }
    /// The connection closed before the reply arrived; the command may or may not have run.
    public static let connectionClosed = MemcachedError(.connectionClosed)
    /// No reply within the command timeout; the connection was closed, since later replies would
    /// be out of step with their commands.
    public static let timeout = MemcachedError(.timeout)
    /// The server sent bytes that are not the meta protocol, or exceed a limit.
    public static func protocolError(_ detail: String) -> MemcachedError { MemcachedError(.protocolError(detail)) }
    /// No connection could be had: the node is down, marked down, or the client is shut down.
    public static func unavailable(_ reason: String) -> MemcachedError { MemcachedError(.unavailable(reason)) }
    /// A key the protocol cannot carry (empty, longer than 250 bytes, or with spaces or control
    /// bytes); `MemcachedKey` maps any string to a key that is safe.
    public static func invalidKey(_ key: String) -> MemcachedError { MemcachedError(.invalidKey(key)) }
    /// A configuration (such as a server list) that cannot be used.
    public static func invalidConfiguration(_ detail: String) -> MemcachedError { MemcachedError(.invalidConfiguration(detail)) }

    /// The kind of error, to compare with `MemcachedError.Code`'s static members.
    public var code: Code {
        switch base {
        case .server: .server
        case .connectionClosed: .connectionClosed
        case .timeout: .timeout
        case .protocolError: .protocolError
        case .unavailable: .unavailable
        case .invalidKey: .invalidKey
        case .invalidConfiguration: .invalidConfiguration
        }
    }

    /// Whether the node, not the request, failed: such errors mark the node down for a while.
    var isNodeFailure: Bool {
        switch base {
        case .connectionClosed, .timeout, .protocolError, .unavailable: true
        case .server, .invalidKey, .invalidConfiguration: false
        }
    }

    /// The message without the kind.
    var detail: String {
        switch base {
        case .server(let text), .protocolError(let text), .unavailable(let text), .invalidKey(let text), .invalidConfiguration(let text): text
        case .connectionClosed, .timeout: description
        }
    }

    public var description: String {
        switch base {
        case .server(let message): "memcached error reply: \(message)"
        case .connectionClosed: "memcached connection closed before the reply arrived"
        case .timeout: "memcached command timed out (the connection was closed)"
        case .protocolError(let detail): "memcached protocol error: \(detail)"
        case .unavailable(let reason): "memcached unavailable: \(reason)"
        case .invalidKey(let key): "not a memcached key: '\(key.prefix(64))'"
        case .invalidConfiguration(let detail): "Invalid memcached configuration: \(detail)"
        }
    }

    /// The kinds of `MemcachedError`.
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
        public static let invalidKey = Code("invalidKey")
        public static let invalidConfiguration = Code("invalidConfiguration")
    }
}
