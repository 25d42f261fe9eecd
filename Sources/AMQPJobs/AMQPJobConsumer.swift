import AMQP
import Foundation
import Jobs
import Logging
import NIOCore
import ServiceLifecycle
import StarlingCore

/// Runs the jobs of one broker queue: consumes with manual acks, at most `prefetch` unacked
/// messages and `concurrency` running handlers at once, and runs each through the one `JobRunner`. A job that ran is acked; a failed one is first recorded
/// back in the outbox (with one more attempt: due again after its back-off, or dead) and then
/// acked, so retries and dead jobs stay in the outbox. A job whose outcome could not be recorded
/// is nacked back to the queue. A worker that dies leaves its unacked messages to be redelivered.
///
/// It consumes again on the client's next connection after a broker restart, and on graceful
/// shutdown cancels its consumer and lets the jobs it runs finish.
public final class AMQPJobConsumer: Service {
    private let client: AMQPClient
    /// The queue it consumes.
    public let queue: String
    private let topology: JobTopology
    /// Messages the broker may send it before it acks one.
    public let prefetch: Int
    /// Jobs it runs at once.
    public let concurrency: Int
    private let runner: JobRunner
    private let outbox: any OutboxStore
    private let logger: Logger

    /// `concurrency` defaults to `prefetch`: as many handlers as messages in hand.
    public init(client: AMQPClient, queue: String, topology: JobTopology = JobTopology(), prefetch: Int, concurrency: Int? = nil,
                runner: JobRunner, outbox: any OutboxStore, logger: Logger) {
        precondition(prefetch > 0 && (concurrency ?? 1) > 0)
        self.client = client
        self.queue = queue
        self.topology = topology
        self.prefetch = prefetch
        self.concurrency = concurrency ?? prefetch
        self.runner = runner
        self.outbox = outbox
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await consumeUntilClosed()
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                logger.debug("job consumer stopped; starting again", metadata: ["amqp.queue": "\(queue)", "error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private func consumeUntilClosed() async throws {
        let channel = try await client.connection().openChannel()
        try await topology.declare(on: channel)
        try await channel.qos(prefetch: UInt16(clamping: prefetch))
        let consumer = try await channel.consume(queue: queue)
        logger.debug("consuming jobs", metadata: ["amqp.queue": "\(queue)"])
        // On graceful shutdown: no more deliveries; the running jobs finish and are acked.
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                for try await delivery in consumer.deliveries {
                    // A delivery waits for a free handler (the prefetch may allow more in hand).
                    if running >= concurrency, try await group.next() != nil { running -= 1 }
                    group.addTask { await self.handle(delivery, on: channel) }
                    running += 1
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            Task { try? await channel.cancel(consumer) }
        }
    }

    private func handle(_ delivery: AMQPDelivery, on channel: AMQPChannel) async {
        let job: PendingJob
        do {
            job = try JSONDecoder().decode(PendingJob.self, from: Data(delivery.body.readableBytesView))
        } catch {
            logger.error("a message that is not a job was dropped", metadata: ["amqp.queue": "\(queue)", "error": "\(error)"])
            channel.reject(delivery.deliveryTag, requeue: false)
            return
        }
        let outcome = await runner.run(job)
        do {
            if outcome != .done { try await runner.record(outcome, of: job, holder: nil, in: outbox) }
            channel.ack(delivery.deliveryTag)
        } catch {
            logger.warning("job outcome not recorded; it goes back to the queue", metadata: [
                "job.id": "\(job.id)", "job.name": "\(job.job.name)", "error": "\(error)",
            ])
            channel.nack(delivery.deliveryTag, requeue: true)
        }
    }
}
