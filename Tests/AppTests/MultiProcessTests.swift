import App
import Foundation
import Logging
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// Two `starling serve` and two `starling worker` processes (the real binary) on one PostgreSQL:
/// every job's effect lands exactly once and none is lost, also when a worker is killed mid-run.
@Suite(.testDatabases, .enabled(if: TestPostgres.isAvailable || TestPostgres.isRequired, "needs STARLING_TEST_POSTGRES_URL"),
       .timeLimit(.minutes(5)), .serialized)
struct MultiProcessTests {
    static let authors = 5
    static let followers = 8
    static let posts = 200

    @Test func twoServersAndTwoWorkersDeliverEveryTweetOnceToEveryFollower() async throws {
        try await run(killingAWorker: false)
    }

    @Test func aWorkerKilledMidRunLosesNothing() async throws {
        try await run(killingAWorker: true)
    }

    private func run(killingAWorker: Bool) async throws {
        let database = try await TestPostgres.emptyDatabase().url
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 2, workers: 2)
        defer { cluster.crashAll() }
        let servers = cluster.servers.map { LiveClient(port: $0.port) }

        var authors: [API.Account] = []
        for n in 0..<Self.authors { authors.append(try await servers[n % 2].signUp("author_\(n)")) }
        var followers: [API.Account] = []
        for n in 0..<Self.followers {
            let follower = try await servers[n % 2].signUp("reader_\(n)")
            for author in authors {
                let (status, _) = try await servers[(n + 1) % 2].call(.post, "/api/friendships/\(author.id)/follow/", token: follower.token)
                try #require(status == .created)
            }
            followers.append(follower)
        }

        let posted = PostedIDs()
        let writers = authors
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    for n in stride(from: lane, to: Self.posts, by: 4) {
                        let (status, object) = try await servers[n % 2].call(
                            .post, "/api/tweets/", token: writers[n % Self.authors].token, json: #"{"content":"tweet \#(n)"}"#)
                        try #require(status == .created, "post \(n): \(status) \(object)")
                        let id = try #require((object["id"] as? NSNumber)?.int64Value)
                        posted.insert(id)
                    }
                }
            }
            if killingAWorker {
                group.addTask {
                    while posted.count < Self.posts / 3 { try await Task.sleep(for: .milliseconds(5)) }
                    cluster.workers[0].crash()
                }
            }
            try await group.waitForAll()
        }
        let tweets = posted.all
        #expect(tweets.count == Self.posts, "every post got its own id across two servers")

        try await cluster.waitUntilOutboxIsEmpty(databaseURL: database, seconds: 90)
        let readers = followers
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            #expect(try await repositories.outbox.dead(limit: 10).isEmpty, "no job died")
            for follower in readers {
                var ids: [Int64] = []
                var page = PageRequest(limit: 100)
                while true {
                    let entries = try await repositories.newsfeeds.entries(owner: follower.id, page: page)
                    ids += entries.items.map(\.tweetID)
                    guard entries.hasNextPage, let last = entries.items.last else { break }
                    page = PageRequest(olderThan: last.tweetID, limit: 100)
                }
                #expect(ids.count == Self.posts && Set(ids) == tweets, "\(follower.username) holds each tweet exactly once")
            }
        }
        let statuses = await cluster.stopAll()
        #expect(statuses.allSatisfy { $0 == 0 }, "graceful exits after SIGTERM: \(statuses)")
    }
}

/// The ids of the tweets posted so far, from several tasks.
final class PostedIDs: Sendable {
    private let ids = Mutex<Set<Int64>>([])

    func insert(_ id: Int64) {
        ids.withLock { _ = $0.insert(id) }
    }

    var count: Int { ids.withLock { $0.count } }
    var all: Set<Int64> { ids.withLock { $0 } }
}
