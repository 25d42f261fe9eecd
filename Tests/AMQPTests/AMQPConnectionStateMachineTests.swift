@testable import AMQP
import NIOCore
import Testing

@Suite struct AMQPConnectionStateMachineTests {
    typealias Machine = AMQPConnection.StateMachine
    static let second: UInt64 = 1_000_000_000

    func method(_ method: AMQPMethod, channel: UInt16 = 0) -> AMQPFrame { .method(method, channel: channel) }

    /// A machine through the handshake, with the broker proposing `heartbeat` and `frameMax`.
    func opened(heartbeat: UInt16 = 60, frameMax: UInt32 = 131_072) -> Machine {
        var machine = Machine(settings: Machine.Settings(user: "u", password: "p", virtualHost: "v", frameMax: 65_536, heartbeatSeconds: 10))
        _ = machine.start(now: 0)
        _ = machine.received(method(.connectionStart(serverProperties: [:], mechanisms: "AMQPLAIN PLAIN", locales: "en_US")), now: 0)
        _ = machine.received(method(.connectionTune(channelMax: 0, frameMax: frameMax, heartbeat: heartbeat)), now: 0)
        _ = machine.received(method(.connectionOpenOk), now: 0)
        return machine
    }

    @Test func theHandshakeSendsTheHeaderLogsInWithPlainAndHonoursTune() {
        var machine = Machine(settings: Machine.Settings(user: "u", password: "p", virtualHost: "v", frameMax: 65_536, heartbeatSeconds: 10))
        #expect(machine.start(now: 0) == [.writeProtocolHeader])
        let startOk = machine.received(method(.connectionStart(serverProperties: [:], mechanisms: "AMQPLAIN PLAIN", locales: "en_US")), now: 0)
        guard case .write(let frames) = startOk.first, case .connectionStartOk(_, "PLAIN", "\u{0}u\u{0}p", _)? = try? AMQPMethod.decode(frames[0].payload) else {
            Issue.record("no PLAIN StartOk: \(startOk)")
            return
        }
        // The broker offers a larger frame and a longer heartbeat: the smaller of each wins.
        let tuned = machine.received(method(.connectionTune(channelMax: 0, frameMax: 131_072, heartbeat: 60)), now: 0)
        #expect(tuned == [.write([method(.connectionTuneOk(channelMax: 2047, frameMax: 65_536, heartbeat: 10)),
                                  method(.connectionOpen(virtualHost: "v"))])])
        #expect(machine.received(method(.connectionOpenOk), now: 0) == [.ready(frameMax: 65_536, heartbeat: 10)])
        #expect(machine.state == .open)
    }

    @Test func aBrokerWithoutPlainOrRefusingTheLoginFails() {
        var machine = Machine(settings: Machine.Settings())
        _ = machine.start(now: 0)
        #expect(machine.received(method(.connectionStart(serverProperties: [:], mechanisms: "EXTERNAL", locales: "")), now: 0)
            == [.fail(.unavailable(""))])
        var refused = Machine(settings: Machine.Settings())
        _ = refused.start(now: 0)
        _ = refused.received(method(.connectionStart(serverProperties: [:], mechanisms: "PLAIN", locales: "")), now: 0)
        let actions = refused.received(method(.connectionClose(code: 403, text: "ACCESS_REFUSED", classID: 10, methodID: 11)), now: 0)
        #expect(actions == [.write([method(.connectionCloseOk)]), .fail(.unavailable(""))])
    }

    @Test func aBrokerHeartbeatOfZeroLeavesOurs() {
        let machine = opened(heartbeat: 0)
        #expect(machine.heartbeat == 10)
        #expect(machine.frameMax == 65_536)
    }

    @Test func closeFromOurSideWaitsForCloseOk() {
        var machine = opened()
        #expect(machine.close() == [.write([method(.connectionClose(code: 200, text: "goodbye", classID: 0, methodID: 0))])])
        #expect(machine.state == .closing)
        #expect(machine.close() == [])
        #expect(machine.received(method(.connectionCloseOk), now: 0) == [.fail(.connectionClosed)])
        #expect(machine.state == .closed)
    }

    @Test func closeFromTheBrokerIsAnsweredAndFailsEveryone() {
        var machine = opened()
        let actions = machine.received(method(.connectionClose(code: 320, text: "CONNECTION_FORCED", classID: 0, methodID: 0)), now: 0)
        #expect(actions == [.write([method(.connectionCloseOk)]), .fail(.serverClosed(code: 320, text: ""))])
        #expect(machine.received(method(.connectionOpenOk), now: 0) == [])
    }

    @Test func channelsOpenCarryContentAndCloseAndTheirNumbersComeBack() throws {
        var machine = opened()
        let allocated = (machine.allocateChannel(), machine.allocateChannel())
        let first = try #require(allocated.0)
        let second = try #require(allocated.1)
        #expect(first == 1 && second == 2)
        let frames = AMQPMessage.frames(.basicDeliver(consumerTag: "c", deliveryTag: 1, redelivered: false, exchange: "", routingKey: "q"),
                                        properties: .persistent, body: ByteBuffer(string: "hello"), channel: first, frameMax: 10)
        var delivered: [Machine.Action] = []
        for frame in frames { delivered += machine.received(frame, now: 0) }
        guard case .deliver(1, let message)? = delivered.first, delivered.count == 1 else {
            Issue.record("not one delivery: \(delivered)")
            return
        }
        #expect(message.body == ByteBuffer(string: "hello"))
        machine.releaseChannel(first)
        // A frame for a channel that is not open is a protocol error that ends the connection.
        #expect(machine.received(method(.channelOpenOk, channel: first), now: 0) == [.fail(.malformedFrame(""))])
    }

    @Test func aHeaderWithoutItsMethodIsAProtocolError() {
        var machine = opened()
        _ = machine.allocateChannel()
        var header = ByteBuffer()
        AMQPContentHeader(bodySize: 1, properties: .persistent).encode(into: &header)
        #expect(machine.received(AMQPFrame(kind: .header, channel: 1, payload: header), now: 0) == [.fail(.malformedFrame(""))])
    }

    @Test func heartbeatsAreSentWhenQuietAndAMissingPeerIsDetected() {
        var machine = opened()  // 10 s heartbeat
        #expect(machine.tick(now: 4 * Self.second) == [])
        #expect(machine.tick(now: 5 * Self.second) == [.write([.heartbeat])])
        #expect(machine.tick(now: 6 * Self.second) == [])
        // A frame from the broker (its heartbeat) keeps the connection alive.
        #expect(machine.received(.heartbeat, now: 15 * Self.second) == [])
        #expect(machine.tick(now: 30 * Self.second) == [.write([.heartbeat])])
        // Two intervals without a frame: the peer is dead.
        #expect(machine.tick(now: 36 * Self.second) == [.fail(.heartbeatMissed)])
        #expect(machine.state == .closed)
    }

    @Test func blockedAndUnblockedAreTracked() {
        var machine = opened()
        #expect(machine.received(method(.connectionBlocked(reason: "low on disk")), now: 0) == [.blocked("low on disk")])
        #expect(machine.isBlocked)
        #expect(machine.received(method(.connectionUnblocked), now: 0) == [.unblocked])
        #expect(!machine.isBlocked)
    }

    @Test func aMethodOutOfTurnEndsTheConnection() {
        var machine = Machine(settings: Machine.Settings())
        _ = machine.start(now: 0)
        #expect(machine.received(method(.connectionOpenOk), now: 0) == [.fail(.malformedFrame(""))])
    }
}

extension AMQPConnectionStateMachineTests {
    @Test func aSocketClosedDuringTheHandshakeIsARefusal() {
        var machine = Machine(settings: Machine.Settings())
        _ = machine.start(now: 0)
        _ = machine.received(method(.connectionStart(serverProperties: [:], mechanisms: "PLAIN", locales: "")), now: 0)
        #expect(machine.fail(.connectionClosed) == [.fail(.unavailable(""))])
    }
}
