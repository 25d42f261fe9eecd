import AMQP
import AMQPJobs
import App
import Jobs
import Logging
import StarlingCore
import StarlingTesting
import Synchronization
import Testing
import Tweets

/// Each broker queue has its own worker concurrency: the fanout queue `STARLING_FANOUT_WORKERS`,
/// the default queue `STARLING_DEFAULT_WORKERS`, each `STARLING_JOB_WORKERS` when unset.
@Suite(.timeLimit(.minutes(1))) struct AMQPQueueWorkersTests {
    static let logger = { var logger = Logger(label: "test"); logger.logLevel = .critical; return logger }()

    @Test func eachQueueHasItsOwnSettingAndBothDefaultToTheJobWorkers() throws {
        let unset = try Configuration.resolve(flags: [:], environment: ["STARLING_JOB_WORKERS": "3"])
        #expect(unset.fanoutQueueWorkers == 3 && unset.defaultQueueWorkers == 3)
        let set = try Configuration.resolve(flags: [:], environment: ["STARLING_FANOUT_WORKERS": "2", "STARLING_DEFAULT_WORKERS": "5"])
        #expect(set.fanoutQueueWorkers == 2 && set.defaultQueueWorkers == 5)
        let flags = try Configuration.resolve(flags: ["fanout-workers": "7"], environment: ["STARLING_FANOUT_WORKERS": "2"])
        #expect(flags.fanoutQueueWorkers == 7 && flags.defaultQueueWorkers == Configuration().jobWorkers)
        var worker = set
        try worker.setQueueWorkers(fanout: "9", default: nil)  // starling worker --fanout-workers 9
        #expect(worker.fanoutQueueWorkers == 9 && worker.defaultQueueWorkers == 5)
        for bad in ["0", "-1", "many", "1001"] {
            #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: [:], environment: ["STARLING_DEFAULT_WORKERS": bad]) }
            #expect(throws: ConfigurationError.self) { try worker.setQueueWorkers(fanout: bad, default: nil) }
        }
    }

    @Test func aWorkerGivesEachQueueConsumerItsOwnPrefetchAndConcurrency() async throws {
        var configuration = Configuration()
        configuration.amqpURL = "amqp://guest:guest@127.0.0.1:5672/%2F"
        configuration.amqpQueuePrefix = "sized"
        configuration.jobWorkers = 4
        configuration.fanoutWorkers = 2
        configuration.defaultWorkers = 6
        let starling = Starling(configuration: configuration, repositories: try await Backend.memory.repositories(), logger: Self.logger)
        let client = AMQPClient(configuration: try AMQPConfiguration(url: "amqp://127.0.0.1"), logger: Self.logger)  // never run
        let consumers = starling.brokerConsumers(among: [client], logger: Self.logger).compactMap { $0 as? AMQPJobConsumer }
        let sizes = Dictionary(uniqueKeysWithValues: consumers.map { ($0.queue, [$0.prefetch, $0.concurrency]) })
        #expect(sizes == ["sized.fanout": [2, 2], "sized.default": [6, 6]])

        configuration.fanoutWorkers = nil
        configuration.defaultWorkers = nil
        let defaults = Starling(configuration: configuration, repositories: try await Backend.memory.repositories(), logger: Self.logger)
            .brokerConsumers(among: [client], logger: Self.logger).compactMap { $0 as? AMQPJobConsumer }
        #expect(defaults.map(\.concurrency) == [4, 4] && defaults.map(\.prefetch) == [4, 4], "today's STARLING_JOB_WORKERS for both")
    }

    /// The jobs running at once on one queue, and the most ever seen.
    final class Gauge: Sendable {
        private let state = Mutex((running: 0, peak: 0, done: 0))
        func enter() { state.withLock { $0.running += 1; $0.peak = max($0.peak, $0.running) } }
        func leave() { state.withLock { $0.running -= 1; $0.done += 1 } }
        var peak: Int { state.withLock { $0.peak } }
        var done: Int { state.withLock { $0.done } }
    }

    @Test(.enabled(if: TestAMQP.isEnabled)) func onABrokerEachConsumerRunsAtMostItsOwnNumberOfJobsAtOnce() async throws {
        var amqp = try AMQPConfiguration(url: TestAMQP.url())
        amqp.connectTimeout = .seconds(30)
        let client = AMQPClient(configuration: amqp, logger: Self.logger)
        let running = Task { try await client.run() }
        defer { running.cancel() }
        let topology = JobTopology(prefix: TestAMQP.queueName("sized"))
        let fanout = Gauge(), other = Gauge()
        var handlers = JobHandlers()
        handlers.register(FanOutTweetBatchJob.self) { _ in
            fanout.enter()
            try? await Task.sleep(for: .milliseconds(300))
            fanout.leave()
        }
        handlers.register(ForgetCachedObjectsJob.self) { _ in
            other.enter()
            try? await Task.sleep(for: .milliseconds(300))
            other.leave()
        }
        let runner = JobRunner(handlers: handlers, clock: SystemWallClock(), logger: Self.logger)
        let outbox = try await Backend.memory.repositories().outbox
        // The prefetch lets more messages in hand than handlers run: the concurrency still bounds them.
        let consumers = [
            AMQPJobConsumer(client: client, queue: topology.fanoutQueue, topology: topology, prefetch: 4, concurrency: 2, runner: runner,
                            outbox: outbox, logger: Self.logger),
            AMQPJobConsumer(client: client, queue: topology.defaultQueue, topology: topology, prefetch: 5, concurrency: 5, runner: runner,
                            outbox: outbox, logger: Self.logger),
        ]
        let consuming = consumers.map { consumer in Task { try await consumer.run() } }
        defer { consuming.forEach { $0.cancel() } }
        let queue = AMQPJobQueue(client: client, topology: topology)
        for n in 0..<12 {
            try await queue.enqueue(PendingJob(job: Job(id: Int64(2 * n), FanOutTweetBatchJob(tweetID: 1, after: 0, through: 1))))
            try await queue.enqueue(PendingJob(job: Job(id: Int64(2 * n + 1), ForgetCachedObjectsJob(keys: []))))
        }
        let deadline = ContinuousClock.now + .seconds(40)
        while fanout.done < 12 || other.done < 12 {
            try #require(ContinuousClock.now < deadline, "ran \(fanout.done) fanout and \(other.done) other jobs of 12 each")
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(fanout.peak == 2, "fanout queue: \(fanout.peak) at once")
        #expect(other.peak == 5, "default queue: \(other.peak) at once")
        let channel = try await client.connection().openChannel()
        for name in topology.queues { #expect(try await channel.deleteQueue(name) == 0, "every job was acked") }
    }
}
