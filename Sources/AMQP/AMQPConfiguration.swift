import Foundation

/// Where an `AMQPClient` connects and how: `amqp://user:pass@host:port/vhost`.
public struct AMQPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var virtualHost: String
    /// Heartbeat interval asked for, in seconds (the broker may lower it); 0 turns heartbeats off.
    public var heartbeatSeconds: UInt16 = 10
    /// How long opening a connection (TCP and handshake) may take.
    public var connectTimeout: Duration = .seconds(5)
    /// How long a synchronous method (declare, qos, …) waits for its answer.
    public var methodTimeout: Duration = .seconds(10)

    public init(host: String = "127.0.0.1", port: Int = 5672, user: String = "guest", password: String = "guest", virtualHost: String = "/") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
    }

    /// Reads `amqp://[user:pass@]host[:port][/vhost]`; the port defaults to 5672, the user and
    /// password to guest, the vhost to `/` (an empty path; `%2F` is `/` too).
    public init(url: String) throws(AMQPError) {
        guard url.hasPrefix("amqp://"), let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw .unavailable("the AMQP URL '\(Self.redacted(url))' is not amqp://user:pass@host:port/vhost")
        }
        self.init(host: host, port: components.port ?? 5672, user: components.user ?? "guest", password: components.password ?? "guest")
        let path = components.percentEncodedPath
        if path.count > 1 { virtualHost = String(path.dropFirst()).removingPercentEncoding ?? "/" }
    }

    /// The URL with its password hidden, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
