import NIOCore

extension MemcachedConnection {
    /// The bookkeeping of one pipelined connection, with no socket: which caller each answer
    /// belongs to, and who must be failed when a timeout or the socket ends the connection.
    ///
    /// Every request (a batch of commands) is written followed by `mn`, so its answers are
    /// everything up to the next `MN`, however many of its commands were quiet. `Waiter` is
    /// whatever resumes a caller.
    struct StateMachine<Waiter> {
        private struct Request {
            let id: UInt64
            var responses: [MemcachedResponse] = []
            /// Nil once its caller stopped waiting (cancelled): the answers are read and dropped.
            var waiter: Waiter?
        }

        private enum State {
            case open
            /// Closing gracefully: no new requests; the channel closes after the last answer.
            case draining
            case closed(MemcachedError)
        }

        /// What the connection must do after an event.
        struct Action {
            var succeed: (waiter: Waiter, responses: [MemcachedResponse])?
            var fail: [(waiter: Waiter, error: MemcachedError)] = []
            var closeChannel = false

            static var none: Action { Action() }
        }

        private var state = State.open
        private var requests = CircularBuffer<Request>()

        /// How many requests await answers.
        var pendingCount: Int { requests.count }

        /// Queues a request whose bytes the caller writes next, in this order; nil when it may be
        /// written, or the error to fail it with.
        mutating func send(id: UInt64, waiter: Waiter) -> MemcachedError? {
            guard case .open = state else { return .connectionClosed }
            requests.append(Request(id: id, waiter: waiter))
            return nil
        }

        /// An answer arrived: it belongs to the oldest request, which `MN` completes.
        mutating func received(_ response: MemcachedResponse) -> Action {
            if case .closed = state { return .none }
            guard !requests.isEmpty else {
                return close(.protocolError("an answer arrived for no command"))
            }
            guard response.status == .noop else {
                requests[requests.startIndex].responses.append(response)
                return .none
            }
            let first = requests.removeFirst()
            var action = Action.none
            if let waiter = first.waiter { action.succeed = (waiter, first.responses) }
            if case .draining = state, requests.isEmpty {
                state = .closed(.connectionClosed)
                action.closeChannel = true
            }
            return action
        }

        /// A request's time ran out: its caller gets `.timeout`, and since later answers would be
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

        /// The caller stopped waiting; its answers will be dropped. Returns the waiter to fail.
        mutating func cancelled(id: UInt64) -> Waiter? {
            guard let index = requests.firstIndex(where: { $0.id == id }) else { return nil }
            defer { requests[index].waiter = nil }
            return requests[index].waiter
        }

        /// Stops taking requests and closes once every request has its answers.
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
        mutating func close(_ error: MemcachedError) -> Action {
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
