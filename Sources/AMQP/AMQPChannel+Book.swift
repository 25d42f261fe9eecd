extension AMQPChannel {
    /// What a channel waits for: synchronous answers in order, publisher confirms, consumers.
    struct Book {
        typealias Reply = CheckedContinuation<AMQPMethod, any Error>
        typealias Confirm = CheckedContinuation<Void, any Error>
        typealias Consumer = AsyncThrowingStream<AMQPDelivery, any Error>.Continuation

        var replies: [Reply] = []
        var confirms: AMQPConfirms<Confirm>?
        var consumers: [String: Consumer] = [:]
        var closed: AMQPError?

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
