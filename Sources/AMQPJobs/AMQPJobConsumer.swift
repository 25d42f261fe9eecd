import AMQP
import Foundation
import Jobs
import Logging
import NIOCore
import ServiceLifecycle
import StarlingCore

/// Runs the jobs of one broker queue: consumes with manual acks, at most `prefetch` at once, and
/// runs each through the one `JobRunner`. A job that ran is acked; a failed one is first recorded
/// back in the outbox (with one more attempt: due again after its back-off, or dead) and then
/// acked, so retries and dead jobs stay in the outbox. A job whose outcome could not be recorded
/// is nacked back to the queue. A worker that dies leaves its unacked messages to be redelivered.
///
/// It consumes again on the client's next connection after a broker restart, and on graceful
/// shutdown cancels its consumer and lets the jobs it runs finish.
public final class AMQPJobConsumer: Service {
    private let client: AMQPClient
    private let queue: String
    private let topology: JobTopology
    private let prefetch: Int
    private let runner: JobRunner
    private let outbox: any OutboxStore
    private let logger: Logger

    public init(client: AMQPClient, queue: String, topology: JobTopology = JobTopology(), prefetch: Int, runner: JobRunner,
                outbox: any OutboxStore, logger: Logger) {
        precondition(prefetch > 0)
        self.client = client
        self.queue = queue
        self.topology = topology
        self.prefetch = prefetch
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
            try await withThrowingDiscardingTaskGroup { group in
                for try await delivery in consumer.deliveries {
                    group.addTask { await self.handle(delivery, on: channel) }
                }
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
