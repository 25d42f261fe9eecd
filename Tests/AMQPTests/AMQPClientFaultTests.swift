import AMQP
import Foundation
import NIOCore
import StarlingTestKit
import Testing

/// The client against a private broker it may pause, stop and start (`STARLING_TEST_AMQP_CTL`).
@Suite(.enabled(if: TestAMQP.canStartServers), .timeLimit(.minutes(3))) struct AMQPClientFaultTests {
    func control(_ action: String, _ directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestAMQP.control())
        process.arguments = [action, directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "rabbitmq \(action) failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func signal(_ signal: Int32, brokerIn directory: String) throws {
        let pid = try String(contentsOfFile: directory + "/rabbit.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        kill(pid_t(pid)!, signal)
    }

    @Test func aDeadPeerIsDetectedByMissedHeartbeatsAndTheClientReconnectsAfterARestart() async throws {
        let directory = TemporaryDirectory.make().path
        defer { _ = try? control("stop", directory) }
        var configuration = try AMQPConfiguration(url: control("start", directory))
        configuration.heartbeatSeconds = 1
        configuration.connectTimeout = .seconds(60)
        let client = AMQPClient(configuration: configuration)
        let running = Task { try await client.run() }
        defer { running.cancel() }
        let queue = TestAMQP.queueName()

        let first = try await client.connection()
        #expect(first.heartbeat == 1)
        let channel = try await first.openChannel()
        try await channel.declareQueue(queue, durable: true)
        try await channel.confirmSelect()
        try await channel.publish(ByteBuffer(string: "before"), routingKey: queue)

        // A paused broker sends no heartbeats: the connection is declared dead within a few seconds.
        try signal(SIGSTOP, brokerIn: directory)
        await first.waitUntilClosed()
        try signal(SIGCONT, brokerIn: directory)
        #expect(!channel.isOpen)

        // A restarted broker (same port, same data): the client reconnects by itself, the
        // persistent message survived, and publishing works again.
        _ = try control("restart", directory)
        // (A 1 s heartbeat on a loaded machine may drop a connection again: take the next one.)
        var bodies: [String] = []
        var reopened: AMQPChannel?
        for attempt in 1...5 {
            do {
                let second = try await client.connection()
                #expect(second !== first)
                let channel = try await second.openChannel()
                try await channel.confirmSelect()
                if attempt == 1 || !bodies.contains("after") { try await channel.publish(ByteBuffer(string: "after"), routingKey: queue) }
                var deliveries = try await channel.consume(queue: queue).deliveries.makeAsyncIterator()
                bodies = [try await deliveries.next(), try await deliveries.next()].compactMap { $0.map { String(buffer: $0.body) } }
                reopened = channel
                break
            } catch where attempt < 5 {
                continue
            }
        }
        #expect(Set(bodies) == ["before", "after"])
        let again = try #require(reopened)
        try await again.deleteQueue(queue)
    }
}
