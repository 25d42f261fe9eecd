import ClientPool

/// The connections of `RedisClient`: the shared `ConnectionPool`, failing with `RedisError`.
typealias RedisConnectionPool<Connection, Waiter> = ConnectionPool<Connection, Waiter, RedisError>

extension ConnectionPool where Failure == RedisError {
    init(size: Int) {
        self.init(size: size, shutDownReason: "the Redis client is shut down", unavailable: { RedisError.unavailable($0) })
    }
}
