import NIOCore

extension RedisConnection {
    /// The bookkeeping of one pipelined connection, with no socket: which caller each reply
    /// belongs to, and who must be failed when a timeout or the socket ends the connection.
    ///
    /// Replies come back in the order commands were written, so the requests form a queue; a
    /// request is one command or one pipeline of several. `Waiter` is whatever resumes a caller.
    struct StateMachine<Waiter> {
        private struct Request {
            let id: UInt64
            let expected: Int
            var replies: [RESPValue] = []
            /// Nil once its caller stopped waiting (cancelled): the replies are read and dropped.
            var waiter: Waiter?
        }

        private enum State {
            case open
            /// Closing gracefully: no new requests; the channel closes after the last reply.
            case draining
            case closed(RedisError)
        }

        /// What the connection must do after an event.
        struct Action {
            var succeed: (waiter: Waiter, replies: [RESPValue])?
            var fail: [(waiter: Waiter, error: RedisError)] = []
            var closeChannel = false

            static var none: Action { Action() }
        }

        private var state = State.open
        private var requests = CircularBuffer<Request>()

        /// How many requests await replies.
        var pendingCount: Int { requests.count }

        var isOpen: Bool {
            if case .open = state { return true }
            return false
        }

        /// Queues a request whose bytes the caller writes next, in this order; nil when it may be
        /// written, or the error to fail it with.
        mutating func send(id: UInt64, expecting count: Int, waiter: Waiter) -> RedisError? {
            guard case .open = state else { return .connectionClosed }
            requests.append(Request(id: id, expected: count, waiter: waiter))
            return nil
        }

        /// A reply arrived: it belongs to the oldest request.
        mutating func received(_ value: RESPValue) -> Action {
            if case .push = value { return .none }
            if case .closed = state { return .none }
            guard !requests.isEmpty else {
                return close(.protocolError("a reply arrived for no command"))
            }
            requests[requests.startIndex].replies.append(value)
            guard let first = requests.first, first.replies.count == first.expected else { return .none }
            requests.removeFirst()
            var action = Action.none
            if let waiter = first.waiter { action.succeed = (waiter, first.replies) }
            if case .draining = state, requests.isEmpty {
                state = .closed(.connectionClosed)
                action.closeChannel = true
            }
            return action
        }

        /// A request's time ran out: its caller gets `.timeout`, and since later replies would be
        /// out of step, the connection closes and every other caller gets `.connectionClosed`.
        mutating func timedOut(id: UInt64) -> Action {
            guard let index = requests.firstIndex(where: { $0.id == id }) else { return .none }
            if case .closed = state { return .none }
            let waiter = requests[index].waiter
            requests[index].waiter = nil
            var action = close(.connectionClosed)
            if let waiter { action.fail.insert((waiter, .timeout), at: 0) }
            return action
        }

        /// The caller stopped waiting; its reply will be dropped. Returns the waiter to fail.
        mutating func cancelled(id: UInt64) -> Waiter? {
            guard let index = requests.firstIndex(where: { $0.id == id }) else { return nil }
            defer { requests[index].waiter = nil }
            return requests[index].waiter
        }

        /// Stops taking requests and closes once every request has its replies.
        mutating func drain() -> Action {
            guard case .open = state else { return .none }
            guard requests.isEmpty else {
                state = .draining
                return .none
            }
            state = .closed(.connectionClosed)
            return Action(closeChannel: true)
        }

        /// The socket closed or failed: every waiting caller fails with `error`.
        mutating func close(_ error: RedisError) -> Action {
            if case .closed = state { return .none }
            state = .closed(error)
            var action = Action(closeChannel: true)
            for request in requests {
                if let waiter = request.waiter { action.fail.append((waiter, error)) }
            }
            requests.removeAll()
            return action
        }
    }
}
