/// Where a connection's requests are handled.
public enum RequestExecutor: String, Sendable, CaseIterable {
    /// On the event loop that owns the connection's socket (`EventLoopTaskExecutor`): a request
    /// that waits for its own loop's channels (its response's writes, a Redis or memcached reply
    /// on a connection of that loop) goes on without a thread hop. Work that would block a thread
    /// (bcrypt, SQLite, files) already runs on threads of its own.
    case eventLoop = "event-loop"
    /// On Swift's shared cooperative pool, as Hummingbird does by default: each await on a
    /// channel hops between a loop thread and a pool thread.
    case sharedPool = "shared-pool"
}
