import AMQP
import AMQPJobs
import Foundation
import Friendships
import Jobs
import Logging
import Newsfeeds
import PostgresNIO
import PostgresStorage
import StarlingCore
import Synchronization
import Tweets

/// Fanout through RabbitMQ on PostgreSQL, with real `starling worker` processes: how many jobs per
/// second the broker carries (publish with confirms, consume, ack), and how long until the last
/// follower of a large author has a new tweet with 1, 2, 4… worker processes consuming. This
/// process is the API side: it records the tweet with its fanout job in the outbox, as `POST
/// /api/tweets/` does, and relays the outbox to the broker. Not a test: `starling bench-fanout
/// --amqp-url` runs it.
public struct BrokerFanoutBenchmark: Sendable {
    public struct Settings: Sendable {
        public var amqpURL: String
        /// The PostgreSQL server the scratch database is made on (and dropped after).
        public var postgresServerURL: String
        /// The `starling` executable the workers run.
        public var binary: String
        public var followers = 100_000
        public var workerCounts = [1, 2, 4]
        /// No-op jobs sent through the broker for the jobs-per-second figure.
        public var jobs = 20_000
        /// Publishes in flight at once (the relay's default).
        public var publishers = 64
        /// The longest one measurement may take; past it the run stops and says so.
        public var timeout: Duration = .seconds(600)

        public init(amqpURL: String, postgresServerURL: String, binary: String) {
            self.amqpURL = amqpURL
            self.postgresServerURL = postgresServerURL
            self.binary = binary
        }
    }

    /// One line of the table.
    public struct Row: Sendable {
        public let measure: String
        public let workers: String
        public let count: Int
        public let unit: String
        public let seconds: Double
        public var rate: Double { seconds > 0 ? Double(count) / seconds : 0 }
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    let settings: Settings
    let logger: Logger
    let authorID: Int64 = 1
    /// The last node slot: the workers lease the first ones, so no id made here can be theirs.
    let ids = IDGenerator(clock: SystemWallClock(), slot: NodeSlot(index: NodeSlot.available - 1))

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs every measurement on a scratch database and a private set of queues, reporting each
    /// row as it is measured; removes the database and queues after.
    public func run(report: @escaping @Sendable (Row) -> Void) async throws {
        let server = PostgresServer(location: try PostgresLocation(url: settings.postgresServerURL), logger: logger)
        let name = "bench_broker_" + UUID().uuidString.lowercased().filter { $0 != "-" }
        try await server.createDatabase(named: name)
        let database = server.location.database(name)
        do {
            try await measure(database: database, report: report)
            try await server.dropDatabase(named: name)
        } catch {
            try? await server.dropDatabase(named: name)
            throw error
        }
    }

    private func measure(database: PostgresLocation, report: @escaping @Sendable (Row) -> Void) async throws {
        var configuration = Configuration()
        configuration.databaseURL = database.url
        var amqp = try AMQPConfiguration(url: settings.amqpURL)
        amqp.connectTimeout = .seconds(30)
        let client = AMQPClient(configuration: amqp, logger: logger)
        let counts = PostgresStore(location: database, maximumConnections: 2, logger: logger)
        let clientTask = Task { try await client.run() }
        defer { clientTask.cancel() }
        try await Database.withRepositories(configuration, logger: logger, connections: 8) { repositories in
            try await counts.withRunningClient {
                let prefix = "bench-" + UUID().uuidString.prefix(8).lowercased()
                report(try await jobsThroughBroker(client: client, prefix: prefix + "-jobs", outbox: repositories.outbox))
                let started = ContinuousClock.now
                try await addFollowers(repositories)
                logger.notice("followers stored", metadata: ["followers": "\(settings.followers)", "took": "\(ContinuousClock.now - started)"])
                let local = try await FanoutBenchmark(repositories: repositories).fanOutOnce()
                try await Self.discardJobs(in: repositories.outbox)  // that tweet's fanout job: done here already
                report(Row(measure: "fanout in one process, no broker", workers: "-", count: local.rows, unit: "rows",
                           seconds: local.seconds))
                for workers in settings.workerCounts {
                    report(try await fanOut(workers: workers, prefix: "\(prefix)-w\(workers)", database: database, client: client,
                                            repositories: repositories, counts: counts))
                }
            }
        }
    }

    /// No-op jobs published with confirms (`publishers` in flight) while one consumer in this
    /// process takes them with manual acks: the time from the first publish to the last ack.
    func jobsThroughBroker(client: AMQPClient, prefix: String, outbox: any OutboxStore) async throws -> Row {
        let topology = JobTopology(prefix: prefix)
        let count = settings.jobs
        let consumed = Atomic<Int>(0)
        var handlers = JobHandlers()
        handlers.register(ForgetCachedObjectsJob.self) { _ in consumed.add(1, ordering: .relaxed) }
        let runner = JobRunner(handlers: handlers, clock: SystemWallClock(), logger: logger)
        let consumer = AMQPJobConsumer(client: client, queue: topology.defaultQueue, topology: topology, prefetch: settings.publishers,
                                       runner: runner, outbox: outbox, logger: logger)
        let consuming = Task { try await consumer.run() }
        defer { consuming.cancel() }
        let queue = AMQPJobQueue(client: client, topology: topology)
        try await queue.enqueue(PendingJob(job: Job(id: ids.next(), ForgetCachedObjectsJob(keys: []))))  // the channel, warm
        let warm = ContinuousClock.now + .seconds(60)
        while consumed.load(ordering: .relaxed) < 1 {
            guard ContinuousClock.now < warm else { throw TimedOut(description: "the first job did not come back in 60 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        consumed.store(0, ordering: .relaxed)
        let clock = ContinuousClock()
        let started = clock.now
        let lanes = max(1, min(settings.publishers, count))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    for _ in stride(from: lane, to: count, by: lanes) {
                        try await queue.enqueue(PendingJob(job: Job(id: ids.next(), ForgetCachedObjectsJob(keys: []))))
                    }
                }
            }
            try await group.waitForAll()
        }
        let deadline = started + settings.timeout
        while consumed.load(ordering: .relaxed) < count {
            guard clock.now < deadline else { throw TimedOut(description: "only \(consumed.load(ordering: .relaxed)) of \(count) jobs came back") }
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = clock.now - started
        let channel = try await client.connection().openChannel()
        for name in topology.queues { try await channel.deleteQueue(name) }
        try? await channel.close()
        return Row(measure: "no-op jobs: publish+confirm -> consume -> ack", workers: "in-proc", count: count, unit: "jobs",
                   seconds: Self.seconds(elapsed))
    }

    /// The author's followers (ids 2…followers+1), loaded in bulk, then the planner's statistics.
    func addFollowers(_ repositories: Repositories) async throws {
        guard let loader = repositories.bulkLoader else { throw TimedOut(description: "the store has no bulk loader") }
        let chunk = 5_000
        for start in stride(from: 0, to: settings.followers, by: chunk) {
            let friendships = (start..<min(start + chunk, settings.followers)).map { n in
                Friendship(id: ids.next(), fromUserID: authorID + 1 + Int64(n), toUserID: authorID)
            }
            try await loader.insert(friendships: friendships)
        }
        try await loader.endLoad()
    }

    /// Starts `workers` worker processes on queues of their own, waits until each consumes, posts a
    /// tweet and times until the last follower has it.
    func fanOut(workers: Int, prefix: String, database: PostgresLocation, client: AMQPClient, repositories: Repositories,
                counts: PostgresStore) async throws -> Row {
        let topology = JobTopology(prefix: prefix)
        var processes: [Process] = []
        do {
            for index in 0..<workers { processes.append(try startWorker(index, prefix: prefix, database: database)) }
            let row = try await fanOut(through: processes, topology: topology, client: client, repositories: repositories, counts: counts)
            await Self.stop(processes, logger: logger)
            return row
        } catch {
            await Self.stop(processes, logger: logger)
            throw error
        }
    }

    private func fanOut(through processes: [Process], topology: JobTopology, client: AMQPClient, repositories: Repositories,
                        counts: PostgresStore) async throws -> Row {
        let workers = processes.count
        let channel = try await client.connection().openChannel()
        let ready = ContinuousClock.now + .seconds(120)
        while try await topology.queues.asyncAllSatisfy({ try await channel.queueStatus($0).consumers >= workers }) == false {
            guard ContinuousClock.now < ready, processes.allSatisfy(\.isRunning) else {
                throw TimedOut(description: "the \(workers) workers did not all start consuming; see \(Self.logDirectory.path)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        // The API side: the tweet and its fanout job in one transaction, then the relay hands the
        // job to the broker at once (the workers' relays hand over the batch jobs it records).
        let relay = OutboxRelay(outbox: repositories.outbox, queue: AMQPJobQueue(client: client, topology: topology),
                                clock: SystemWallClock(), logger: logger)
        let relaying = Task { try await relay.run() }
        defer { relaying.cancel() }
        let clock = ContinuousClock()
        let started = clock.now
        let tweet = Tweet(id: ids.next(), userID: authorID, content: "benchmark through the broker")
        try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        relay.nudge()
        var rows = 0
        while rows < settings.followers {
            guard clock.now < started + settings.timeout else {
                throw TimedOut(description: "\(workers) workers: \(rows) of \(settings.followers) feeds had the tweet after \(settings.timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
            rows = try await Self.feedRows(of: tweet, in: counts)
        }
        let elapsed = clock.now - started
        for name in topology.queues { try await channel.deleteQueue(name) }
        try? await channel.close()
        return Row(measure: "fanout to the last follower (postgres)", workers: "\(workers)", count: rows, unit: "rows",
                   seconds: Self.seconds(elapsed))
    }

    /// Takes every job out of the outbox unrun.
    static func discardJobs(in outbox: any OutboxStore) async throws {
        let now = SystemWallClock().nowMicros()
        while true {
            let jobs = try await outbox.claim(limit: 100, holder: "bench", now: now + 3_600_000_000, leaseUntil: now + 7_200_000_000)
            if jobs.isEmpty { return }
            for job in jobs { try await outbox.complete(id: job.id, holder: "bench") }
        }
    }

    /// The followers' feeds holding `tweet` (its author's own is not counted).
    static func feedRows(of tweet: Tweet, in store: PostgresStore) async throws -> Int {
        let rows = try await store.client.query(
            "SELECT count(*) FROM newsfeeds WHERE tweet_id = \(tweet.id) AND owner_id <> \(tweet.userID)")
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    static let logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("starling-bench-fanout")

    func startWorker(_ index: Int, prefix: String, database: PostgresLocation) throws -> Process {
        try FileManager.default.createDirectory(at: Self.logDirectory, withIntermediateDirectories: true)
        let data = Self.logDirectory.appendingPathComponent("\(prefix)-\(index)")
        let log = Self.logDirectory.appendingPathComponent("\(prefix)-\(index).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: settings.binary)
        process.arguments = ["worker", "--database-url", database.url, "--amqp-url", settings.amqpURL, "--data-dir", data.path]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STARLING_") }
        environment["STARLING_AMQP_QUEUE_PREFIX"] = prefix
        environment["STARLING_LOG_LEVEL"] = "warning"
        // Push to every follower: the benchmark's followers are ids with no activity, whom the
        // hybrid model would leave out as inactive (and its author would count as a celebrity).
        environment["STARLING_FEED_MODEL"] = "push"
        for name in ["STARLING_JOB_WORKERS", "STARLING_FANOUT_WORKERS", "STARLING_DEFAULT_WORKERS"] {
            environment[name] = ProcessInfo.processInfo.environment[name]
        }
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// SIGTERM, then SIGKILL for any still running after 30 s.
    static func stop(_ processes: [Process], logger: Logger) async {
        for process in processes where process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(30)
        while processes.contains(where: \.isRunning), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        for process in processes where process.isRunning {
            logger.warning("a worker did not stop in 30 s; killed", metadata: ["pid": "\(process.processIdentifier)"])
            kill(process.processIdentifier, SIGKILL)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

private extension Array where Element: Sendable {
    func asyncAllSatisfy(_ predicate: (Element) async throws -> Bool) async rethrows -> Bool {
        for element in self where try await !predicate(element) { return false }
        return true
    }
}
