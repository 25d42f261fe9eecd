import NIOCore
@testable import RESP
import Testing

/// Matching replies to callers on a pipelined connection, without a socket. Waiters are names.
@Suite struct RedisConnectionStateMachineTests {
    typealias Machine = RedisConnection.StateMachine<String>

    @Test func repliesGoToCallersInTheOrderTheirCommandsWereSent() {
        var machine = Machine()
        #expect(machine.queue(1, expecting: 1, "a") == true)
        #expect(machine.queue(2, expecting: 2, "b") == true)
        #expect(machine.queue(3, expecting: 1, "c") == true)
        #expect(machine.received(.integer(1)).succeed?.waiter == "a")
        #expect(machine.received(.integer(2)).succeed == nil, "a pipeline of two waits for both replies")
        let pipeline = machine.received(.error("ERR x")).succeed
        #expect(pipeline?.waiter == "b")
        #expect(pipeline?.replies == [.integer(2), .error("ERR x")], "error replies stay values")
        #expect(machine.received(.simpleString("OK")).succeed?.waiter == "c")
        #expect(machine.pendingCount == 0)
    }

    @Test func pushMessagesAreNotReplies() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a")
        #expect(machine.received(.push([.simpleString("invalidate")])).succeed == nil)
        #expect(machine.received(.integer(1)).succeed?.waiter == "a")
    }

    @Test func aReplyForNoCommandClosesTheConnection() {
        var machine = Machine()
        let action = machine.received(.simpleString("OK"))
        #expect(action.closeChannel)
        #expect(machine.queue(1, expecting: 1, "a") == false)
    }

    @Test func aRequestPastItsDeadlineFailsWithTimeoutAndClosesForEveryoneElse() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a", at: 0)
        machine.queue(2, expecting: 1, "b", at: 100)
        let (action, rearm) = machine.sweep(now: Self.deadline(250))
        #expect(rearm == nil)
        #expect(action.closeChannel)
        #expect(action.fail.map(\.waiter) == ["a", "b"])
        #expect(action.fail.map(\.error) == [.timeout, .connectionClosed])
        #expect(machine.sweep(now: Self.deadline(1_000)).action.fail.isEmpty, "nobody is failed twice")
        #expect(machine.received(.integer(1)).succeed == nil, "a late reply answers nobody")
        #expect(machine.queue(3, expecting: 1, "c") == false, "the connection takes no command a late reply could answer")
    }

    @Test func everyRequestPastItsDeadlineGetsTimeout() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a", at: 0)
        machine.queue(2, expecting: 1, "b", at: 10)
        machine.queue(3, expecting: 1, "c", at: 200)
        let action = machine.sweep(now: Self.deadline(270)).action
        #expect(action.fail.map(\.waiter) == ["a", "b", "c"])
        #expect(action.fail.map(\.error) == [.timeout, .timeout, .connectionClosed])
    }

    @Test func oneSweepIsArmedForTheOldestDeadlineAndRearmedForTheNext() {
        var machine = Machine()
        #expect(machine.queueResult(1, at: 0) == Self.deadline(250), "the first request arms the sweep")
        #expect(machine.queueResult(2, at: 100) == nil, "later ones find it armed")
        _ = machine.received(.integer(1))
        let early = machine.sweep(now: Self.deadline(250))
        #expect(early.action.fail.isEmpty && !early.action.closeChannel)
        #expect(early.rearmAt == Self.deadline(350), "re-armed for the oldest request still waiting")
        _ = machine.received(.integer(2))
        #expect(machine.sweep(now: Self.deadline(350)).rearmAt == nil, "nothing waits: the sweep stops")
        #expect(machine.queueResult(3, at: 400) == Self.deadline(650), "and the next request arms it again")
        #expect(machine.isOpen)
    }

    @Test func aSweepAfterTheReplyDoesNothing() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a", at: 0)
        _ = machine.received(.integer(1))
        let (action, rearm) = machine.sweep(now: Self.deadline(1_000))
        #expect(!action.closeChannel && action.fail.isEmpty && rearm == nil)
        #expect(machine.isOpen)
    }

    @Test func requestsQueuedBeforeAFlushGoOutTogetherInOrder() {
        var machine = Machine()
        #expect(machine.flushNeeded(1, bytes: "one") == true, "the first request schedules a flush")
        #expect(machine.flushNeeded(2, bytes: "two") == false, "the next rides on it")
        #expect(machine.takeUnwritten().map { String(buffer: $0) } == ["one", "two"])
        #expect(machine.takeUnwritten().isEmpty)
        #expect(machine.flushNeeded(3, bytes: "three") == true, "after a flush, the next request schedules another")
    }

    @Test func aCancelledCallersReplyIsReadAndDropped() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a")
        machine.queue(2, expecting: 1, "b")
        #expect(machine.cancelled(id: 1) == "a")
        #expect(machine.cancelled(id: 1) == nil)
        #expect(machine.received(.integer(1)).succeed == nil)
        #expect(machine.received(.integer(2)).succeed?.waiter == "b", "later replies stay in step")
    }

    @Test func drainingClosesAfterTheLastPendingReply() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a")
        #expect(!machine.drain().closeChannel)
        #expect(machine.queue(2, expecting: 1, "b") == false, "no new commands while draining")
        let last = machine.received(.integer(1))
        #expect(last.succeed?.waiter == "a")
        #expect(last.closeChannel)
        var idle = Machine()
        #expect(idle.drain().closeChannel, "an idle connection closes at once")
    }

    @Test func theSocketClosingFailsEveryWaitingCaller() {
        var machine = Machine()
        machine.queue(1, expecting: 1, "a")
        machine.queue(2, expecting: 3, "b")
        _ = machine.received(.integer(1))
        _ = machine.received(.integer(2))
        let action = machine.close(.connectionClosed)
        #expect(action.fail.map(\.waiter) == ["b"])
        #expect(action.fail.map(\.error) == [.connectionClosed])
        #expect(machine.close(.connectionClosed).fail.isEmpty)
    }
}

extension RedisConnectionStateMachineTests {
    /// A deadline `milliseconds` after a fixed origin.
    static func deadline(_ milliseconds: Int64) -> NIODeadline {
        .uptimeNanoseconds(1_000_000_000) + .milliseconds(milliseconds)
    }
}

extension RedisConnection.StateMachine<String> {
    /// Queues a request sent at `sentAt` ms with a 250 ms timeout; false when refused.
    @discardableResult
    mutating func queue(_ id: UInt64, expecting count: Int, _ waiter: String, at sentAt: Int64 = 0) -> Bool {
        let deadline = RedisConnectionStateMachineTests.deadline(sentAt + 250)
        if case .queued = send(id: id, expecting: count, bytes: ByteBuffer(), deadline: deadline, waiter: waiter) { return true }
        return false
    }

    /// Queues a request sent at `sentAt` ms; the deadline the sweep must be armed for, if any.
    mutating func queueResult(_ id: UInt64, at sentAt: Int64) -> NIODeadline? {
        let deadline = RedisConnectionStateMachineTests.deadline(sentAt + 250)
        if case .queued(_, let armSweep) = send(id: id, expecting: 1, bytes: ByteBuffer(), deadline: deadline, waiter: "\(id)") { return armSweep }
        return nil
    }

    /// Queues a request with these bytes; whether the caller must schedule a flush.
    mutating func flushNeeded(_ id: UInt64, bytes: String) -> Bool {
        let deadline = RedisConnectionStateMachineTests.deadline(250)
        if case .queued(let scheduleFlush, _) = send(id: id, expecting: 1, bytes: ByteBuffer(string: bytes), deadline: deadline, waiter: bytes) {
            return scheduleFlush
        }
        return false
    }
}
