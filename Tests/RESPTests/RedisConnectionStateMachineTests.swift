@testable import RESP
import Testing

/// Matching replies to callers on a pipelined connection, without a socket. Waiters are names.
@Suite struct RedisConnectionStateMachineTests {
    typealias Machine = RedisConnection.StateMachine<String>

    @Test func repliesGoToCallersInTheOrderTheirCommandsWereSent() {
        var machine = Machine()
        #expect(machine.send(id: 1, expecting: 1, waiter: "a") == nil)
        #expect(machine.send(id: 2, expecting: 2, waiter: "b") == nil)
        #expect(machine.send(id: 3, expecting: 1, waiter: "c") == nil)
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
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        #expect(machine.received(.push([.simpleString("invalidate")])).succeed == nil)
        #expect(machine.received(.integer(1)).succeed?.waiter == "a")
    }

    @Test func aReplyForNoCommandClosesTheConnection() {
        var machine = Machine()
        let action = machine.received(.simpleString("OK"))
        #expect(action.closeChannel)
        #expect(machine.send(id: 1, expecting: 1, waiter: "a") == .connectionClosed)
    }

    @Test func aTimeoutFailsItsCallerAndClosesForEveryoneElse() {
        var machine = Machine()
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        _ = machine.send(id: 2, expecting: 1, waiter: "b")
        let action = machine.timedOut(id: 1)
        #expect(action.closeChannel)
        #expect(action.fail.map(\.waiter) == ["a", "b"])
        #expect(action.fail.map(\.error) == [.timeout, .connectionClosed])
        #expect(machine.timedOut(id: 2).fail.isEmpty, "nobody is failed twice")
        #expect(machine.received(.integer(1)).succeed == nil, "late replies are dropped")
        #expect(machine.send(id: 3, expecting: 1, waiter: "c") == .connectionClosed)
    }

    @Test func aTimerThatFiresAfterTheReplyDoesNothing() {
        var machine = Machine()
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        _ = machine.received(.integer(1))
        let action = machine.timedOut(id: 1)
        #expect(!action.closeChannel && action.fail.isEmpty)
        #expect(machine.isOpen)
    }

    @Test func aCancelledCallersReplyIsReadAndDropped() {
        var machine = Machine()
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        _ = machine.send(id: 2, expecting: 1, waiter: "b")
        #expect(machine.cancelled(id: 1) == "a")
        #expect(machine.cancelled(id: 1) == nil)
        #expect(machine.received(.integer(1)).succeed == nil)
        #expect(machine.received(.integer(2)).succeed?.waiter == "b", "later replies stay in step")
    }

    @Test func drainingClosesAfterTheLastPendingReply() {
        var machine = Machine()
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        #expect(!machine.drain().closeChannel)
        #expect(machine.send(id: 2, expecting: 1, waiter: "b") == .connectionClosed, "no new commands while draining")
        let last = machine.received(.integer(1))
        #expect(last.succeed?.waiter == "a")
        #expect(last.closeChannel)
        var idle = Machine()
        #expect(idle.drain().closeChannel, "an idle connection closes at once")
    }

    @Test func theSocketClosingFailsEveryWaitingCaller() {
        var machine = Machine()
        _ = machine.send(id: 1, expecting: 1, waiter: "a")
        _ = machine.send(id: 2, expecting: 3, waiter: "b")
        _ = machine.received(.integer(1))
        _ = machine.received(.integer(2))
        let action = machine.close(.connectionClosed)
        #expect(action.fail.map(\.waiter) == ["b"])
        #expect(action.fail.map(\.error) == [.connectionClosed])
        #expect(machine.close(.connectionClosed).fail.isEmpty)
    }
}
