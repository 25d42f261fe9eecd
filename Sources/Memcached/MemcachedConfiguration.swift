/// Which memcached nodes a `MemcachedClient` spreads keys over, and how long it waits.
public struct MemcachedConfiguration: Sendable, Hashable {
    /// The nodes; keys are placed on them by consistent hashing of `host:port`.
    public var servers: [MemcachedServer]
    /// How long a request may wait for its answers; past it the caller gets
    /// `MemcachedError.timeout`, the connection is closed and the node is marked down.
    public var commandTimeout: Duration = .milliseconds(250)
    /// How long opening a connection may take, and how long a caller waits for one.
    public var connectTimeout: Duration = .milliseconds(250)
    /// Connections kept open to each node; each one pipelines the requests of many callers.
    public var connectionsPerNode: Int = 2
    /// How long a node that failed is left alone: its keys are misses meanwhile, at no cost.
    public var downDuration: Duration = .seconds(3)
    /// Points on the hash ring per node (ketama uses 160).
    public var pointsPerNode: Int = 160

    public init(servers: [MemcachedServer]) {
        self.servers = servers
    }

    /// Reads `host:port,host:port`. Throws `MemcachedError.invalidConfiguration` saying what is wrong.
    public init(servers text: String) throws(MemcachedError) {
        self.init(servers: try MemcachedServer.list(text))
    }
}
