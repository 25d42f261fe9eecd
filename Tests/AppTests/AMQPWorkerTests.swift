import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// Real binaries on RabbitMQ: `starling serve --amqp-url` relays jobs to the broker and runs none
/// itself; a `starling worker` consuming the broker delivers them.
@Suite(.enabled(if: TestAMQP.isEnabled), .timeLimit(.minutes(3))) struct AMQPWorkerTests {
    @Test func aServerOnABrokerFansOutOnlyOnceAWorkerConsumes() async throws {
        let directory = TemporaryDirectory.make()
        let database = "sqlite:" + directory.appendingPathComponent("starling.sqlite").path
        let environment = ["STARLING_AMQP_URL": try TestAMQP.url(), "STARLING_AMQP_QUEUE_PREFIX": TestAMQP.queueName("e2e")]
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 0, environment: environment)
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        let reader = try await server.signUp("reader_1")
        try #require(try await server.call(.post, "/api/friendships/\(author.id)/follow/", token: reader.token).status == .created)
        let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"via the broker"}"#)
        try #require(status == .created)
        let tweet = try #require((object["id"] as? NSNumber)?.int64Value)

        // The relay handed every job to the broker (the outbox is empty), yet no one ran the fanout.
        try await cluster.waitUntilOutboxIsEmpty(databaseURL: database, seconds: 30)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await feed(of: reader.id, cluster: cluster, database: database).isEmpty, "no worker, no fanout")

        var environmentOfWorker = environment
        environmentOfWorker["STARLING_JOB_LEASE_SECONDS"] = String(StarlingCluster.jobLeaseSeconds)
        let worker = try StarlingProcess(["worker", "--database-url", database, "--data-dir", directory.appendingPathComponent("worker").path],
                                         environment: environmentOfWorker, log: cluster.directory.appendingPathComponent("worker.log"))
        defer { if worker.isRunning { worker.crash() } }
        try await worker.waitUntilHealthy()
        let deadline = ContinuousClock.now + .seconds(60)
        while try await feed(of: reader.id, cluster: cluster, database: database) != [tweet] {
            try #require(ContinuousClock.now < deadline, "the worker did not deliver the tweet; logs in \(cluster.directory.path)")
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await worker.stop() == 0)
        #expect(await cluster.stopAll() == [0])
    }

    func feed(of owner: Int64, cluster: StarlingCluster, database: String) async throws -> [Int64] {
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            try await repositories.newsfeeds.entries(owner: owner, page: PageRequest(limit: 10)).items.map(\.tweetID)
        }
    }
}
