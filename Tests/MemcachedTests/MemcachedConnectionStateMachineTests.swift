@testable import Memcached
import Testing

/// The bookkeeping of a pipelined connection, without a socket: answers up to each `MN` go to the
/// oldest request; a timeout or a closed socket fails whoever waits.
@Suite struct MemcachedConnectionStateMachineTests {
    typealias Machine = MemcachedConnection.StateMachine<String>
    let hit = MemcachedResponse(status: .value, flags: .init(opaque: 0))
    let noop = MemcachedResponse(status: .noop)

    @Test func answersUpToEachNoopGoToTheirRequestInOrder() {
        var machine = Machine()
        #expect(machine.send(id: 1, waiter: "a") == nil)
        #expect(machine.send(id: 2, waiter: "b") == nil)
        #expect(machine.received(hit).succeed == nil)
        #expect(machine.received(hit).succeed == nil)
        let first = machine.received(noop).succeed
        #expect(first?.waiter == "a" && first?.responses == [hit, hit])
        let second = machine.received(noop).succeed
        #expect(second?.waiter == "b" && second?.responses == [], "a batch of quiet misses has no answers")
        #expect(machine.pendingCount == 0)
    }

    @Test func aTimeoutFailsItsCallerAndClosesForTheOthers() {
        var machine = Machine()
        _ = machine.send(id: 1, waiter: "a")
        _ = machine.send(id: 2, waiter: "b")
        let action = machine.timedOut(id: 2)
        #expect(action.closeChannel)
        #expect(action.fail.map(\.waiter) == ["b", "a"])
        #expect(action.fail.map(\.error) == [.timeout, .connectionClosed])
        #expect(machine.send(id: 3, waiter: "c") == .connectionClosed, "a closed connection takes nothing")
        #expect(machine.received(noop).succeed == nil, "late answers are dropped")
    }

    @Test func anAnswerForNoRequestIsAProtocolError() {
        var machine = Machine()
        let action = machine.received(noop)
        #expect(action.closeChannel)
    }

    @Test func aCancelledCallersAnswersAreReadAndDropped() {
        var machine = Machine()
        _ = machine.send(id: 1, waiter: "a")
        _ = machine.send(id: 2, waiter: "b")
        #expect(machine.cancelled(id: 1) == "a")
        #expect(machine.received(noop).succeed == nil)
        #expect(machine.received(noop).succeed?.waiter == "b", "the next answers still find their caller")
    }

    @Test func drainingClosesAfterTheLastAnswer() {
        var machine = Machine()
        _ = machine.send(id: 1, waiter: "a")
        #expect(!machine.drain().closeChannel)
        #expect(machine.send(id: 2, waiter: "b") == .connectionClosed)
        let action = machine.received(noop)
        #expect(action.succeed?.waiter == "a" && action.closeChannel)
    }

    @Test func aClosedSocketFailsEveryWaiter() {
        var machine = Machine()
        _ = machine.send(id: 1, waiter: "a")
        _ = machine.send(id: 2, waiter: "b")
        #expect(machine.close(.connectionClosed).fail.map(\.waiter) == ["a", "b"])
    }
}
