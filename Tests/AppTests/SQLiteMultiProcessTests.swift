import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// SQLite supports a worker beside the server on one file: WAL lets them read at once, and each
/// claim or write is a `BEGIN IMMEDIATE` transaction that SQLite serializes across the processes.
@Suite(.timeLimit(.minutes(3))) struct SQLiteMultiProcessTests {
    @Test func aWorkerBesideTheServerOnOneSQLiteFileRunsTheJobs() async throws {
        let file = TemporaryDirectory.make().appendingPathComponent("starling.sqlite").path
        let database = "sqlite:" + file
        let cluster = try await StarlingCluster.start(databaseURL: database, servers: 1, workers: 1)
        defer { cluster.crashAll() }
        let server = LiveClient(port: cluster.servers[0].port)
        let author = try await server.signUp("author_1")
        var readers: [API.Account] = []
        for n in 0..<4 {
            let reader = try await server.signUp("reader_\(n)")
            try #require(try await server.call(.post, "/api/friendships/\(author.id)/follow/", token: reader.token).status == .created)
            readers.append(reader)
        }
        var tweets: Set<Int64> = []
        for n in 0..<40 {
            let (status, object) = try await server.call(.post, "/api/tweets/", token: author.token, json: #"{"content":"tweet \#(n)"}"#)
            try #require(status == .created)
            tweets.insert(try #require((object["id"] as? NSNumber)?.int64Value))
        }
        try await cluster.waitUntilOutboxIsEmpty(databaseURL: database, seconds: 60)
        let (followers, posted) = (readers, tweets)
        try await Database.withRepositories(cluster.configuration(databaseURL: database), logger: cluster.logger) { repositories in
            for reader in followers {
                let ids = try await repositories.newsfeeds.entries(owner: reader.id, page: PageRequest(limit: 100)).items.map(\.tweetID)
                #expect(ids.count == posted.count && Set(ids) == posted, "\(reader.username) holds each tweet once")
            }
        }
        #expect(await cluster.stopAll() == [0, 0], "both stop gracefully")
    }
}
