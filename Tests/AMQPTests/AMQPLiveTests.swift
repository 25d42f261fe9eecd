import AMQP
import Foundation
import NIOCore
import ServiceLifecycle
import StarlingTestKit
import Testing

/// The client against the throwaway broker of `scripts/test` (`STARLING_TEST_AMQP_URL`).
@Suite(.enabled(if: TestAMQP.isEnabled), .timeLimit(.minutes(1))) struct AMQPLiveTests {
    /// Patient: when every suite starts at once on two cores, a handshake can take seconds.
    func configuration() throws -> AMQPConfiguration {
        var configuration = try AMQPConfiguration(url: TestAMQP.url())
        configuration.connectTimeout = .seconds(30)
        return configuration
    }

    func withChannel<T: Sendable>(_ body: (AMQPChannel) async throws -> T) async throws -> T {
        try await AMQPConnection.withConnection(configuration: try configuration()) { connection in
            let channel = try await connection.openChannel()
            return try await body(channel)
        }
    }

    @Test func aConfirmedPersistentMessageIsConsumedAndAcked() async throws {
        let queue = TestAMQP.queueName()
        try await withChannel { channel in
            try await channel.declareQueue(queue, durable: true, arguments: ["x-expires": .int32(60_000)])
            try await channel.confirmSelect()
            for n in 0..<50 { try await channel.publish(ByteBuffer(string: "job \(n)"), routingKey: queue) }
            try await channel.qos(prefetch: 10)
            let consumer = try await channel.consume(queue: queue)
            var seen: [String] = []
            for try await delivery in consumer.deliveries {
                seen.append(String(buffer: delivery.body))
                channel.ack(delivery.deliveryTag)
                if seen.count == 50 { break }
            }
            #expect(seen == (0..<50).map { "job \($0)" })
            try await channel.cancel(consumer)
            #expect(try await channel.deleteQueue(queue) == 0, "every message was acked")
        }
    }

    @Test func concurrentPublishesAreEachConfirmed() async throws {
        let queue = TestAMQP.queueName()
        try await withChannel { channel in
            try await channel.declareQueue(queue, arguments: ["x-expires": .int32(60_000)])
            try await channel.confirmSelect()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<200 { group.addTask { try await channel.publish(ByteBuffer(string: "\(n)"), routingKey: queue) } }
                try await group.waitForAll()
            }
            #expect(try await channel.declareQueue(queue, arguments: ["x-expires": .int32(60_000)]) == 200)
            try await channel.deleteQueue(queue)
        }
    }

    @Test func aMessageNotAckedIsRedeliveredAfterItsChannelCloses() async throws {
        let queue = TestAMQP.queueName()
        try await AMQPConnection.withConnection(configuration: try configuration()) { connection in
            let first = try await connection.openChannel()
            try await first.declareQueue(queue, arguments: ["x-expires": .int32(60_000)])
            try await first.confirmSelect()
            try await first.publish(ByteBuffer(string: "once"), routingKey: queue)
            var iterator = try await first.consume(queue: queue).deliveries.makeAsyncIterator()
            let delivery = try #require(try await iterator.next())
            #expect(!delivery.redelivered)
            try await first.close()
            let second = try await connection.openChannel()
            var again = try await second.consume(queue: queue).deliveries.makeAsyncIterator()
            let redelivery = try #require(try await again.next())
            #expect(redelivery.redelivered && String(buffer: redelivery.body) == "once")
            second.ack(redelivery.deliveryTag)
            try await second.deleteQueue(queue)
        }
    }

    @Test func anUnroutableMandatoryMessageIsReturnedAndNotConfirmedAsDelivered() async throws {
        try await withChannel { channel in
            try await channel.confirmSelect()
            var properties = AMQPProperties.persistent
            properties.messageID = "lost"
            await #expect(throws: AMQPError.returned(code: 312, text: "")) {
                try await channel.publish(ByteBuffer(string: "x"), routingKey: TestAMQP.queueName("nowhere"), properties: properties)
            }
        }
    }

    @Test func aConsumerWhoseQueueIsDeletedIsCancelledByTheBroker() async throws {
        let queue = TestAMQP.queueName()
        try await withChannel { channel in
            try await channel.declareQueue(queue)
            let consumer = try await channel.consume(queue: queue)
            try await channel.deleteQueue(queue)
            await #expect(throws: AMQPError.cancelled) {
                for try await _ in consumer.deliveries {}
            }
        }
    }

    @Test func aFailedDeclareClosesOnlyThatChannel() async throws {
        let queue = TestAMQP.queueName()
        try await AMQPConnection.withConnection(configuration: try configuration()) { connection in
            let channel = try await connection.openChannel()
            try await channel.declareQueue(queue, durable: true, arguments: ["x-expires": .int32(60_000)])
            await #expect(throws: AMQPError.serverClosed(code: 406, text: "")) {
                try await channel.declareQueue(queue, durable: false)
            }
            #expect(!channel.isOpen)
            let other = try await connection.openChannel()
            try await other.deleteQueue(queue)
        }
    }

    @Test func aWrongPasswordIsRefused() async throws {
        var configuration = try configuration()
        configuration.password = "wrong"
        await #expect(throws: AMQPError.unavailable("")) {
            try await AMQPConnection.withConnection(configuration: configuration) { _ in }
        }
    }

    @Test func aURLIsReadWithItsVirtualHost() throws {
        let configuration = try AMQPConfiguration(url: "amqp://u:p%40ss@10.0.0.1:5673/%2F")
        #expect(configuration.host == "10.0.0.1" && configuration.port == 5673 && configuration.user == "u")
        #expect(configuration.password == "p@ss" && configuration.virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://h").virtualHost == "/")
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "http://h") }
    }
}
