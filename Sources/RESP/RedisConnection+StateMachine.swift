import NIOCore

extension RedisConnection {
    /// The bookkeeping of one pipelined connection, with no socket: which caller each reply
    /// belongs to, which bytes still wait to be written, when the deadline sweep must run, and who
    /// must be failed when a deadline or the socket ends the connection.
    ///
    /// Replies come back in the order commands were written, so the requests form a queue; a
    /// request is one command or one pipeline of several. `Waiter` is whatever resumes a caller.
    /// Every request gets the same timeout, so deadlines grow along the queue: the oldest request
    /// always has the nearest one, and a single sweep timer per connection, armed for it, serves
    /// every command.
    struct StateMachine<Waiter> {
        private struct Request {
            let id: UInt64
            let expected: Int
            let deadline: NIODeadline
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

        /// What the connection must do after queueing a request.
        enum SendResult {
            /// The request waits for its replies; its bytes wait in `takeUnwritten()`.
            /// `scheduleFlush`: no flush is on its way yet, so the caller must schedule one.
            /// `armSweep`: no sweep is armed yet, so the caller must arm one for this deadline.
            case queued(scheduleFlush: Bool, armSweep: NIODeadline?)
            /// The connection takes no more requests: fail the caller with this error.
            case refused(RedisError)
        }

        private var state = State.open
        private var requests = CircularBuffer<Request>()
        /// Requests queued since the last flush, in queue order.
        private var unwritten: [ByteBuffer] = []
        private var flushScheduled = false
        private var sweepArmed = false

        /// How many requests await replies.
        var pendingCount: Int { requests.count }

        var isOpen: Bool {
            if case .open = state { return true }
            return false
        }

        /// Queues a request and its bytes, to be written in this order by the next flush.
        mutating func send(id: UInt64, expecting count: Int, bytes: ByteBuffer, deadline: NIODeadline, waiter: Waiter) -> SendResult {
            guard case .open = state else { return .refused(.connectionClosed) }
            requests.append(Request(id: id, expected: count, deadline: deadline, waiter: waiter))
            unwritten.append(bytes)
            let scheduleFlush = !flushScheduled
            flushScheduled = true
            let armSweep = sweepArmed ? nil : deadline
            sweepArmed = true
            return .queued(scheduleFlush: scheduleFlush, armSweep: armSweep)
        }

        /// The bytes the flush must write, in order; later requests schedule the next flush.
        mutating func takeUnwritten() -> [ByteBuffer] {
            flushScheduled = false
            defer { unwritten.removeAll(keepingCapacity: true) }
            return unwritten
        }

        /// A reply arrived: it belongs to the oldest request.
        mutating func received(_ value: RESPValue) -> Action {
            if case .push = value { return .none }
            if case .closed = state { return .none }
            guard !requests.isEmpty else {
                return close(.protocolError("a reply arrived for no command"))
            }
            // In place: reading `requests.first` copies the whole request (its replies and waiter).
            let index = requests.startIndex
            let replies: [RESPValue]
            if requests[index].expected == 1 {
                replies = [value]  // the usual single command: no partial list kept
            } else {
                requests[index].replies.append(value)
                guard requests[index].replies.count == requests[index].expected else { return .none }
                replies = requests[index].replies
            }
            let waiter = requests.removeFirst().waiter
            var action = Action.none
            if let waiter { action.succeed = (waiter, replies) }
            if case .draining = state, requests.isEmpty {
                state = .closed(.connectionClosed)
                action.closeChannel = true
            }
            return action
        }

        /// The sweep timer fired at `now`. Requests past their deadline fail with `.timeout`; since
        /// later replies would then be out of step, the connection closes and every other caller
        /// gets `.connectionClosed`. Otherwise `rearmAt` is the oldest request's deadline (nil with
        /// no request: the next `send` arms the sweep again).
        mutating func sweep(now: NIODeadline) -> (action: Action, rearmAt: NIODeadline?) {
            if case .closed = state { return (.none, nil) }
            guard let oldest = requests.first else {
                sweepArmed = false
                return (.none, nil)
            }
            guard oldest.deadline <= now else { return (.none, oldest.deadline) }
            var timedOut: [Waiter] = []
            while let first = requests.first, first.deadline <= now {
                if let waiter = first.waiter { timedOut.append(waiter) }
                requests.removeFirst()
            }
            var action = close(.connectionClosed)
            action.fail.insert(contentsOf: timedOut.map { ($0, RedisError.timeout) }, at: 0)
            return (action, nil)
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
            unwritten.removeAll()
            return action
        }
    }
}
