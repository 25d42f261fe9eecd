extension AMQPChannel {
    /// What a channel waits for: synchronous answers in order, publisher confirms, consumers.
    struct Book {
        typealias Confirm = CheckedContinuation<Void, any Error>
        typealias Consumer = AsyncThrowingStream<AMQPDelivery, any Error>.Continuation

        /// A synchronous method waiting for its answer since `since` (monotonic nanoseconds).
        struct Reply {
            let method: String
            let since: UInt64
            let continuation: CheckedContinuation<AMQPMethod, any Error>
        }

        var replies: [Reply] = []
        var confirms: AMQPConfirms<Confirm>?
        var consumers: [String: Consumer] = [:]
        var closed: AMQPError?

        /// What has waited longest for the broker, and since when: the first synchronous method
        /// (answers come in order) or the oldest publish not yet confirmed.
        var oldestWait: (what: String, since: UInt64)? {
            let reply = replies.first.map { (what: $0.method, since: $0.since) }
            let confirm = confirms?.oldestSince.map { (what: "the confirm of basic.publish", since: $0) }
            guard let reply, let confirm else { return reply ?? confirm }
            return reply.since <= confirm.since ? reply : confirm
        }

        /// Everyone waiting, taken out to be failed with `error`.
        mutating func close(_ error: AMQPError) -> (replies: [Reply], confirms: [Confirm], consumers: [Consumer]) {
            guard closed == nil else { return ([], [], []) }
            closed = error
            defer {
                replies.removeAll()
                consumers.removeAll()
            }
            return (replies, confirms?.failAll() ?? [], Array(consumers.values))
        }
    }
}
