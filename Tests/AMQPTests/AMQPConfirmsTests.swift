@testable import AMQP
import Testing

@Suite struct AMQPConfirmsTests {
    @Test func anAckSettlesOneTagAndMultipleSettlesEveryOneUpToIt() {
        var confirms = AMQPConfirms<String>()
        for name in ["a", "b", "c", "d"] { _ = confirms.published(messageID: name, waiter: name) }
        #expect(confirms.confirmed(tag: 2, multiple: false, nacked: false).map(\.0) == ["b"])
        let settled = confirms.confirmed(tag: 3, multiple: true, nacked: false)
        #expect(settled.map(\.0) == ["a", "c"] && settled.allSatisfy { $0.1 == nil })
        #expect(confirms.count == 1)
    }

    @Test func aNackFailsAndAReturnedMandatoryMessageFailsOnItsAck() {
        var confirms = AMQPConfirms<String>()
        _ = confirms.published(messageID: "x", waiter: "x")
        _ = confirms.published(messageID: "y", waiter: "y")
        confirms.returned(messageID: "y", error: .returned(code: 312, text: "NO_ROUTE"))
        let settled = confirms.confirmed(tag: 2, multiple: true, nacked: false)
        #expect(settled.map(\.0) == ["x", "y"])
        #expect(settled[0].1 == nil && settled[1].1 == .returned(code: 0, text: ""))
        _ = confirms.published(messageID: nil, waiter: "z")
        #expect(confirms.confirmed(tag: 3, multiple: false, nacked: true).map(\.1) == [.nacked])
    }

    @Test func aClosedChannelFailsEveryOutstandingPublish() {
        var confirms = AMQPConfirms<Int>()
        _ = confirms.published(messageID: nil, waiter: 1)
        _ = confirms.published(messageID: nil, waiter: 2)
        #expect(confirms.failAll() == [1, 2])
        #expect(confirms.count == 0)
    }
}
