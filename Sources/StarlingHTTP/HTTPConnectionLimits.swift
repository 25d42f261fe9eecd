/// What one client may hold of the server: time to send a request, time idle between requests,
/// and how many connections are open at once. Slow or idle clients are cut off so that they
/// cannot use up file descriptors that others need.
public struct HTTPConnectionLimits: Sendable, Equatable {
    /// A request head must be complete this long after its first byte arrived (or after the
    /// connection opened, for the first request).
    public var headerTimeout: Duration = .seconds(10)
    /// A request body must be complete this long after its head.
    public var bodyTimeout: Duration = .seconds(60)
    /// A kept-alive connection with no request in progress is closed after this long.
    public var idleTimeout: Duration = .seconds(30)
    /// Connections open at once; past it, new ones wait in the listen backlog until one closes.
    public var maximumConnections = 1_000
    /// The largest request head (request line and header fields), in bytes.
    public var maximumHeaderBytes = 32 << 10
    /// The most header fields in one request.
    public var maximumHeaderFields = 100

    public init() {}
}
