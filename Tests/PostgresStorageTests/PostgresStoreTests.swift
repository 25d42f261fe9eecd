import Accounts
import App
import Foundation
@testable import PostgresStorage
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// The store itself: migrations and transactions on a real server, and what a caller sees when
/// the server cannot be reached.
@Suite(.testDatabases) struct PostgresStoreTests {
    static let serverKnown = TestPostgres.isAvailable || TestPostgres.isRequired

    @Test(.enabled(if: serverKnown)) func migrationsApplyOnceAndANewerSchemaIsRefused() async throws {
        let store = try await TestPostgres.freshDatabase()
        #expect(try await store.migrate() == [], "freshDatabase migrated it; a second run applies nothing")
        try await store.rows("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')")
        let error = await #expect(throws: SchemaTooNewError.self) { try await store.migrate() }
        #expect(error?.databaseVersion == 999)
    }

    @Test(.enabled(if: serverKnown)) func concurrentMigrationsApplyEachVersionOnce() async throws {
        let store = PostgresStore(location: try await TestPostgres.emptyDatabase(), maximumConnections: 4)
        let applied = try await store.withRunningClient {
            try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
        #expect(applied == PostgresStore.migrations.map(\.version), "one start applied each version, the others found it done")
    }

    /// A server process's pool opens all its connections and keeps them: a pool that opens them on
    /// demand starts an idle timer and a keep-alive timer each time one goes back to it, which
    /// (cancelled or not) live for a minute, and held 60–100 MB under load.
    @Test(.enabled(if: serverKnown)) func aServersPoolOpensAllItsConnectionsAndKeepsThem() async throws {
        let location = try await TestPostgres.emptyDatabase()
        let kept = PostgresStore(location: location, maximumConnections: 3, keepsConnectionsOpen: true)
        let observer = PostgresStore(location: location, maximumConnections: 1)
        try await observer.withRunningClient {
            @Sendable func connections() async throws -> Int {
                let rows = try await observer.rows("SELECT count(*)::int8 FROM pg_stat_activity WHERE datname = \(location.database)")
                return Int(try rows[0].decode(Int64.self)) - 1  // not the observer's own
            }
            try await kept.withRunningClient {
                let deadline = ContinuousClock.now + .seconds(10)
                while try await connections() < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(try await connections() == 3, "all three open before any statement asked for one")
                for _ in 0..<20 { _ = try await kept.rows("SELECT 1") }
                #expect(try await connections() == 3)
            }
        }
    }

    /// Nor does a server's pool ping idle connections: each ping was a timer too, started on every
    /// return to the pool. A pool on demand (tools, tests) keeps the driver's defaults.
    @Test func aServersPoolStartsNoTimers() throws {
        let location = try PostgresLocation(url: "postgres://u@127.0.0.1:5432/d")
        let server = PostgresStore.poolConfiguration(location, maximumConnections: 7, keepsConnectionsOpen: true)
        #expect(server.options.minimumConnections == 7)
        #expect(server.options.keepAliveBehavior == nil)
        let onDemand = PostgresStore.poolConfiguration(location, maximumConnections: 7, keepsConnectionsOpen: false)
        #expect(onDemand.options.minimumConnections == 0)
        #expect(onDemand.options.keepAliveBehavior != nil)
    }

    @Test(.enabled(if: serverKnown)) func aFailedTransactionLeavesNothingBehind() async throws {
        let repositories = Repositories.postgres(try await TestPostgres.freshDatabase())
        try await repositories.tweets.create(Tweet(id: 1, userID: 1, content: "a"), fanOut: Job(id: 7, name: "x", payload: "{}"))
        // The job's id repeats, so its insert fails after the tweet and its feed row went in.
        await #expect(throws: (any Error).self) {
            try await repositories.tweets.create(Tweet(id: 2, userID: 1, content: "b"), fanOut: Job(id: 7, name: "x", payload: "{}"))
        }
        #expect(try await repositories.tweets.tweet(id: 2) == nil)
        #expect(try await repositories.newsfeeds.entries(owner: 1, page: .first).items.map(\.tweetID) == [1])
    }

    @Test(.enabled(if: serverKnown)) func aBulkLoadKeepsTabsNewlinesBackslashesAndNulls() async throws {
        let store = try await TestPostgres.freshDatabase()
        let loader = PostgresBulkLoader(store: store)
        let content = "tab\there\nnew line\\N back\\slash\r\nend, é, -0"
        try await loader.insert(users: [User(id: 1, username: "tab\tname", email: "a@example.com", passwordHash: "h", nickname: "\\",
                                             createdAt: -5)], activeAt: 7)
        let tweet = Tweet(id: Int64.max, userID: 1, content: content, likesCount: 3, photoKeys: ["photos/b.png", "photos/a.png"])
        try await loader.insert(tweets: [tweet])
        let repositories = Repositories.postgres(store)
        #expect(try await repositories.tweets.tweet(id: .max) == tweet)
        let user = try #require(try await repositories.users.user(id: 1))
        #expect(user.username == "tab\tname" && user.nickname == "\\" && user.avatarKey == nil && user.createdAt == -5)
    }

    @Test(.enabled(if: serverKnown)) func aFanoutBatchIsOneStatementAndAReplayedOneAddsNothing() async throws {
        let repositories = Repositories.postgres(try await TestPostgres.freshDatabase())
        let owners = Array(Int64(1)...2_500)
        let tally = StatementTally()
        let inserted = try await StatementTally.$current.withValue(tally) {
            try await repositories.newsfeeds.insert(tweetID: 9_000, authorID: 9, owners: owners)
        }
        #expect(inserted == 2_500)
        #expect(tally.value == 1, "2,500 feed rows in one statement, not one per row or per chunk")
        let replay = StatementTally()
        let again = try await StatementTally.$current.withValue(replay) {
            try await repositories.newsfeeds.insert(tweetID: 9_000, authorID: 9, owners: owners)
        }
        #expect(again == 0 && replay.value == 1, "ON CONFLICT DO NOTHING: a replayed batch is harmless")
    }

    @Test(.timeLimit(.minutes(2))) func anUnreachableServerAnswersUnavailableWithinTheTimeout() async throws {
        // Nothing listens on port 1 of the loopback interface: every connection attempt is refused.
        func store(timeout: Duration) throws -> PostgresStore {
            PostgresStore(location: try PostgresLocation(url: "postgres://starling@127.0.0.1:1/starling"),
                          timeout: timeout, logger: TestPostgres.logger)
        }
        let short = try store(timeout: .milliseconds(500)), long = try store(timeout: .seconds(60))
        // Which of two calls ends first says what bounds them, however loaded the machine: each
        // its own timeout (the short one first), not the pools' circuit breakers (alike for both).
        let first: (store: String, error: (any Error)?) = try await short.withRunningClient {
            try await long.withRunningClient {
                await withTaskGroup(of: (store: String, error: (any Error)?).self) { group in
                    for (name, store) in [("short", short), ("long", long)] {
                        group.addTask {
                            do {
                                _ = try await Repositories.postgres(store).users.user(id: 1)
                                return (name, nil)
                            } catch {
                                return (name, error)
                            }
                        }
                    }
                    let first = await group.next() ?? ("none", nil)
                    group.cancelAll()
                    return first
                }
            }
        }
        #expect(first.store == "short", "bounded by the timeout, not by the pool's circuit breaker")
        #expect((first.error as? StarlingError)?.isUnavailable == true, "\(String(describing: first.error))")
    }
}
