import App
import Foundation
import Friendships
import StarlingCore
import StarlingTesting
import Testing

/// Faults on RabbitMQ with real binaries: nothing lost, nothing doubled.
@Suite(.timeLimit(.minutes(4))) struct AMQPFaultTests {
    @Test(.enabled(if: TestAMQP.canStartServers)) func withTheBrokerDownPostingSucceedsAndFanoutCatchesUpOnceItIsBack() async throws {
        let broker = TemporaryDirectory.make().path
        defer { _ = try? TestAMQP.control("stop", broker) }
        let url = try TestAMQP.control("start", broker)
        let directory = TemporaryDirectory.make()
        let database = "sqlite:" + directory.appendingPathComponent("starling.sqlite").path
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 1, environment: ["STARLING_AMQP_URL": url])
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        let reader = try await server.signUp("reader_1")
        try #require(try await server.call(.post, "/api/friendships/\(author.id)/follow/", token: reader.token).status == .created)

        try TestAMQP.control("stop", broker)
        let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"while down"}"#)
        #expect(status == .created, "the outbox holds the job")
        let tweet = try #require((object["id"] as? NSNumber)?.int64Value)
        try await Task.sleep(for: .seconds(1))
        #expect(try await feed(of: reader.id, cluster: cluster, database: database).isEmpty)

        try TestAMQP.control("start", broker)
        try await waitForFeed(of: reader.id, toBe: [tweet], cluster: cluster, database: database, seconds: 90)
        #expect(await cluster.stopAll() == [0, 0])
    }

    @Test(.enabled(if: TestAMQP.isEnabled)) func aWorkerKilledMidRunLeavesEveryTweetInEveryFeedExactlyOnce() async throws {
        let directory = TemporaryDirectory.make()
        let database = "sqlite:" + directory.appendingPathComponent("starling.sqlite").path
        let environment = ["STARLING_AMQP_URL": try TestAMQP.url(), "STARLING_AMQP_QUEUE_PREFIX": TestAMQP.queueName("kill")]
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 1, environment: environment)
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        var readers: [API.Account] = []
        for n in 0..<4 {
            let reader = try await server.signUp("reader_\(n)")
            try #require(try await server.call(.post, "/api/friendships/\(author.id)/follow/", token: reader.token).status == .created)
            readers.append(reader)
        }
        var tweets: [Int64] = []
        for n in 0..<40 {
            if n == 10 { cluster.workers[0].crash() }  // kill -9 while jobs are in flight
            let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"tweet \#(n)"}"#)
            try #require(status == .created)
            tweets.append(try #require((object["id"] as? NSNumber)?.int64Value))
        }
        let worker = try StarlingProcess(["worker", "--database-url", database, "--data-dir", directory.appendingPathComponent("w2").path],
                                         environment: environment, log: cluster.directory.appendingPathComponent("worker-2.log"))
        defer { if worker.isRunning { worker.crash() } }
        try await worker.waitUntilHealthy()
        for reader in readers {
            try await waitForFeed(of: reader.id, toBe: tweets.sorted(by: >), cluster: cluster, database: database, seconds: 90)
        }
        #expect(await worker.stop() == 0)
        #expect(await cluster.stopAll() == [0])
    }

    /// The kill lands inside one batch job: some of its followers have the tweet and some not (a
    /// test-only pause after every 10 followers makes that moment long enough to see), so the
    /// message is unacked when the worker dies. The broker redelivers it to the next worker, which
    /// runs the whole batch again: every follower's feed holds the tweet exactly once.
    @Test(.enabled(if: TestAMQP.isEnabled)) func aWorkerKilledMidBatchLeavesEveryFeedRowExactlyOnce() async throws {
        let directory = TemporaryDirectory.make()
        let database = "sqlite:" + directory.appendingPathComponent("starling.sqlite").path
        // Push to every follower (these have no activity: the hybrid model would skip them as inactive).
        let environment = ["STARLING_AMQP_URL": try TestAMQP.url(), "STARLING_AMQP_QUEUE_PREFIX": TestAMQP.queueName("batch"),
                           "STARLING_FEED_MODEL": "push"]
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 1,
                                                      environment: environment.merging(["STARLING_TEST_FANOUT_BATCH_PAUSE_MS": "500"]) { $1 })
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        let followers = (1...60).map { Int64(1_000 + $0) }  // one batch job: 6 steps of 10
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            for follower in followers {
                _ = try await repositories.friendships.follow(Friendship(id: 10_000 + follower, fromUserID: follower, toUserID: author.id),
                                                              jobs: [])
            }
        }
        let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"to sixty"}"#)
        try #require(status == .created)
        let tweet = try #require((object["id"] as? NSNumber)?.int64Value)

        let deadline = ContinuousClock.now + .seconds(60)
        var delivered = 0
        while delivered == 0 {
            try #require(ContinuousClock.now < deadline, "the batch did not start; logs in \(cluster.directory.path)")
            try await Task.sleep(for: .milliseconds(50))
            delivered = try await feedsHolding(tweet, among: followers, cluster: cluster, database: database)
        }
        cluster.workers[0].crash()  // kill -9 inside the batch
        let atTheKill = try await feedsHolding(tweet, among: followers, cluster: cluster, database: database)
        try #require(atTheKill > 0 && atTheKill < followers.count, "the kill landed mid-batch: \(atTheKill) of \(followers.count) rows")

        let worker = try StarlingProcess(["worker", "--database-url", database, "--data-dir", directory.appendingPathComponent("w2").path],
                                         environment: environment, log: cluster.directory.appendingPathComponent("worker-2.log"))
        defer { if worker.isRunning { worker.crash() } }
        try await worker.waitUntilHealthy()
        for follower in followers {
            try await waitForFeed(of: follower, toBe: [tweet], cluster: cluster, database: database, seconds: 90)
        }
        #expect(await worker.stop() == 0)
        #expect(await cluster.stopAll() == [0])
    }

    /// How many of `owners` have `tweet` in their feed.
    func feedsHolding(_ tweet: Int64, among owners: [Int64], cluster: StarlingCluster, database: String) async throws -> Int {
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            var holding = 0
            for owner in owners where try await repositories.newsfeeds.entries(owner: owner, page: PageRequest(limit: 10)).items
                .contains(where: { $0.tweetID == tweet }) {
                holding += 1
            }
            return holding
        }
    }

    @Test(.enabled(if: TestAMQP.isEnabled)) func aServerKilledMidRelayLosesNoJob() async throws {
        let directory = TemporaryDirectory.make()
        let database = "sqlite:" + directory.appendingPathComponent("starling.sqlite").path
        let environment = ["STARLING_AMQP_URL": try TestAMQP.url(), "STARLING_AMQP_QUEUE_PREFIX": TestAMQP.queueName("relay")]
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 0, environment: environment)
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        let reader = try await server.signUp("reader_1")
        try #require(try await server.call(.post, "/api/friendships/\(author.id)/follow/", token: reader.token).status == .created)
        var tweets: [Int64] = []
        for n in 0..<30 {
            let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"tweet \#(n)"}"#)
            try #require(status == .created)
            tweets.append(try #require((object["id"] as? NSNumber)?.int64Value))
        }
        cluster.servers[0].crash()  // kill -9, its relay possibly between a confirm and a delete
        // A worker relays what is left in the outbox (once the dead server's leases ran out) and runs everything.
        let worker = try StarlingProcess(["worker", "--database-url", database, "--data-dir", directory.appendingPathComponent("w").path],
                                         environment: environment.merging(["STARLING_JOB_LEASE_SECONDS": "3"]) { $1 },
                                         log: cluster.directory.appendingPathComponent("worker.log"))
        defer { if worker.isRunning { worker.crash() } }
        try await worker.waitUntilHealthy()
        try await waitForFeed(of: reader.id, toBe: tweets.sorted(by: >), cluster: cluster, database: database, seconds: 90)
        #expect(await worker.stop() == 0)
    }

    func feed(of owner: Int64, cluster: StarlingCluster, database: String) async throws -> [Int64] {
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            try await repositories.newsfeeds.entries(owner: owner, page: PageRequest(limit: 100)).items.map(\.tweetID)
        }
    }

    /// Waits until the feed holds exactly `expected` (newest first: each tweet once), or fails after `seconds`.
    func waitForFeed(of owner: Int64, toBe expected: [Int64], cluster: StarlingCluster, database: String, seconds: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last: [Int64] = []
        while true {
            last = try await feed(of: owner, cluster: cluster, database: database)
            if last == expected { return }
            try #require(ContinuousClock.now < deadline, "feed of \(owner) is \(last.count) items, not \(expected.count); logs in \(cluster.directory.path)")
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
