import AMQP
import AMQPJobs
import Jobs
import Logging
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// The `JobQueue` contract on RabbitMQ: the relay's queue publishes with confirms, a consumer
/// runs the jobs, and failures come back to the outbox.
@Suite(.enabled(if: TestAMQP.isEnabled), .timeLimit(.minutes(1))) struct AMQPJobQueueContractTests {
    @Test(arguments: [Backend.memory, Backend.sqlite]) func theJobQueueContractHoldsOnRabbitMQ(_ backend: Backend) async throws {
        let logger = { var logger = Logger(label: "test"); logger.logLevel = .critical; return logger }()
        let client = AMQPClient(configuration: try { var c = try AMQPConfiguration(url: TestAMQP.url()); c.connectTimeout = .seconds(30); return c }(), logger: logger)
        let topology = JobTopology(prefix: TestAMQP.queueName("contract"))
        let consumers = Mutex<[Task<Void, any Error>]>([])
        let running = Task { try await client.run() }
        defer {
            running.cancel()
            consumers.withLock { $0.forEach { $0.cancel() } }
        }
        try await JobQueueContract.run(outbox: try await backend.repositories().outbox) { runner, outbox in
            for queue in topology.queues {
                let consumer = AMQPJobConsumer(client: client, queue: queue, topology: topology, prefetch: 4, runner: runner, outbox: outbox,
                                               logger: logger)
                consumers.withLock { $0.append(Task { try await consumer.run() }) }
            }
            return AMQPJobQueue(client: client, topology: topology)
        }
        let channel = try await client.connection().openChannel()
        for queue in topology.queues { #expect(try await channel.deleteQueue(queue) == 0, "every job was acked") }
    }

    @Test func jobsGoToTheQueueOfTheirKind() {
        let topology = JobTopology()
        #expect(topology.queue(for: "fan_out_tweet") == "starling.fanout")
        #expect(topology.queue(for: "fan_out_tweet_batch") == "starling.fanout")
        #expect(topology.queue(for: "notify_like") == "starling.default")
    }
}
