import ClientPool

/// The connections to one memcached node: the shared `ConnectionPool`, failing with `MemcachedError`.
typealias MemcachedConnectionPool<Connection, Waiter> = ConnectionPool<Connection, Waiter, MemcachedError>

extension ConnectionPool where Failure == MemcachedError {
    init(size: Int) {
        self.init(size: size, shutDownReason: "the memcached client is shut down", unavailable: { MemcachedError.unavailable($0) })
    }
}
