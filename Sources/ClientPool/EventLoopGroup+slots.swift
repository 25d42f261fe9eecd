import NIOCore

extension EventLoopGroup {
    /// The event loop a pool's `slot` connects on: slots take the loops in turn, so a pool with
    /// at least as many slots as loops has a connection on every loop, and a caller running on a
    /// loop (`ConnectionPool.readyConnection(preferring:)`) finds one there.
    public func eventLoop(forSlot slot: Int) -> any EventLoop {
        let loops = Array(makeIterator())
        guard !loops.isEmpty else { return next() }
        return loops[slot % loops.count]
    }
}
