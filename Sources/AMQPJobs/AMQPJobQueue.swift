import AMQP
import Foundation
import Logging
import NIOCore
import StarlingCore
import Synchronization

/// The `JobQueue` on RabbitMQ: `enqueue` publishes the job (with its attempt count) as a
/// persistent message to its kind's queue and returns only once the broker confirmed it, so the
/// relay deletes the outbox row only then. An unroutable or refused message throws, and the row
/// stays. Publishes share one confirm-mode channel, reopened on the client's next connection.
public final class AMQPJobQueue: JobQueue {
    private let client: AMQPClient
    private let topology: JobTopology
    private let channel = Mutex<Task<AMQPChannel, any Error>?>(nil)

    public init(client: AMQPClient, topology: JobTopology = JobTopology()) {
        self.client = client
        self.topology = topology
    }

    public func enqueue(_ job: PendingJob) async throws {
        let body = ByteBuffer(bytes: Array(try JSONEncoder().encode(job)))
        var properties = AMQPProperties(contentType: "application/json", deliveryMode: 2, messageID: String(job.id), type: job.job.name)
        properties.timestamp = UInt64(Date().timeIntervalSince1970)
        try await publishChannel().publish(body, routingKey: topology.queue(for: job.job.name), properties: properties, mandatory: true)
    }

    /// The open publish channel, or a new one (declared and in confirm mode) on the current connection.
    private func publishChannel() async throws -> AMQPChannel {
        let task = channel.withLock { current -> Task<AMQPChannel, any Error> in
            if let current { return current }
            let opening = Task { [client, topology] in
                let channel = try await client.connection().openChannel()
                try await topology.declare(on: channel)
                try await channel.confirmSelect()
                return channel
            }
            current = opening
            return opening
        }
        do {
            let opened = try await task.value
            if opened.isOpen { return opened }
            channel.withLock { if $0 == task { $0 = nil } }
            return try await publishChannel()
        } catch {
            channel.withLock { if $0 == task { $0 = nil } }
            throw error
        }
    }
}
