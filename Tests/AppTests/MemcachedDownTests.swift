import App
import Foundation
import HTTPTypes
import Memcached
import StarlingCore
import StarlingTesting
import Testing

/// Memcached is a speed-up, never the truth: with its nodes stopped every endpoint answers from
/// the store within a bounded time, and caching resumes by itself when they are back.
@Suite(.enabled(if: TestMemcached.canStartServers, "needs STARLING_TEST_MEMCACHED_CTL (scripts/test sets it)"))
struct MemcachedDownTests {
    /// A client of the private nodes that notices a returning node quickly.
    func client(_ servers: [TestRedis.PrivateServer]) throws -> MemcachedClient {
        var configuration = try MemcachedConfiguration(servers: try servers.map { try $0.url }.joined(separator: ","))
        configuration.downDuration = .milliseconds(500)
        return MemcachedClient(configuration: configuration)
    }

    /// Reads the tweet through the API until it is in the object cache (a busy machine may time a
    /// call out and mark a node down for a moment); false after about ten seconds.
    func isCached(_ tweet: Int64, reading api: API, as account: API.Account, in caches: Caches) async throws -> Bool {
        for _ in 0..<200 {
            _ = try await api.call(.get, "/api/tweets/\(tweet)/", token: account.token)
            if try await caches.keyValue.get([CacheKeys.tweet(tweet)]).count == 1 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func everyEndpointAnswersFromTheStoreWithEveryNodeStoppedAndCachingResumes() async throws {
        try await TestMemcached.withPrivateServers(2) { servers in
            let client = try client(servers)
            let caches = Caches.inProcess(clock: SystemWallClock()).objects(on: client)
            let app = TestStarling(repositories: try await Backend.sqlite.repositories(), caches: caches, services: [client])
            try await app.test { api in
                let alice = try await api.signUp("alice_01")
                let bob = try await api.signUp("bob_0001")
                try await api.follow(alice, by: bob)
                let first = try await api.post("before the outage", as: alice)
                try await app.settle()
                #expect(try await api.newsfeed(bob).ids == [first])
                #expect(try await isCached(first, reading: api, as: bob, in: caches), "the tweet is cached in memcached")

                for server in servers { try await server.stop() }
                let started = ContinuousClock.now
                let carol = try await api.signUp("carol_01")
                let second = try await api.post("during the outage", as: alice)
                var feed: [Int64] = []
                for _ in 0..<300 where feed.first != second {
                    feed = try await api.newsfeed(bob).ids
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(feed == [second, first], "the feed is read from the store")
                #expect(try await api.like("tweet", second, as: carol).status == .created)
                _ = try await api.comment(on: second, "still here", as: carol)
                let detail = try await api.call(.get, "/api/tweets/\(second)/", token: carol.token).object()
                #expect(detail["likes_count"] as? Int == 1 && detail["comments_count"] as? Int == 1 && detail["has_liked"] as? Bool == true)
                #expect(try await api.call(.get, "/api/profiles/\(alice.id)/").object()["followers_count"] as? Int == 1)
                #expect(try await api.call(.get, "/api/accounts/login_status/", token: bob.token).object()["has_logged_in"] as? Bool == true)
                #expect(try await api.call(.post, "/api/accounts/logout/", token: carol.token).status == .ok)
                #expect(try await api.call(.get, "/api/accounts/login_status/", token: carol.token).object()["has_logged_in"] as? Bool == false)
                #expect(ContinuousClock.now - started < .seconds(10), "bounded waits, not hangs")

                for server in servers { try await server.start() }
                #expect(try await isCached(second, reading: api, as: bob, in: caches), "caching resumed by itself")
                #expect(try await api.call(.get, "/api/tweets/\(second)/", token: bob.token).object()["likes_count"] as? Int == 1)
            }
        }
    }

    @Test func objectsSpreadOverTwoNodesAndSurviveOneOfThemDying() async throws {
        try await TestMemcached.withPrivateServers(2) { servers in
            let client = try client(servers)
            let caches = Caches.inProcess(clock: SystemWallClock()).objects(on: client)
            let app = TestStarling(repositories: try await Backend.sqlite.repositories(), caches: caches, services: [client])
            try await app.test { api in
                let alice = try await api.signUp("alice_01")
                var posted: [Int64: String] = [:]
                for n in 0..<12 { posted[try await api.post("tweet \(n)", as: alice)] = "tweet \(n)" }
                let tweets = posted
                func readAll() async throws {
                    for (id, content) in tweets {
                        let tweet = try await api.call(.get, "/api/tweets/\(id)/", token: alice.token).object()
                        #expect(tweet["content"] as? String == content)
                    }
                }
                func hits(_ node: Int) async throws -> Int {
                    Int(try await client.stats(node: node)["get_hits"] ?? "") ?? 0
                }
                try await readAll()
                try await readAll()
                let first = try await hits(0), second = try await hits(1)
                #expect(first > 0 && second > 0, "objects land on both nodes: \(first) and \(second) hits")

                try await servers[1].stop()
                let started = ContinuousClock.now
                try await readAll()
                try await readAll()
                #expect(ContinuousClock.now - started < .seconds(10), "bounded waits, not hangs")
                #expect(try await hits(0) > 0)

                try await servers[1].start()
                var used = false
                for _ in 0..<100 where !used {
                    try await readAll()
                    used = (try? await hits(1)).map { $0 > 0 } ?? false
                    if !used { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(used, "the restarted node is used again")
            }
        }
    }

}

/// `--memcached-servers` / `STARLING_MEMCACHED_SERVERS`.
@Suite struct MemcachedSettingTests {
    @Test func theSettingIsReadFromTheFlagOrTheEnvironment() throws {
        let flag = try Configuration.resolve(flags: ["memcached-servers": "127.0.0.1:11211,127.0.0.1:11212"], environment: [:])
        #expect(flag.memcachedServers == "127.0.0.1:11211,127.0.0.1:11212")
        let environment = try Configuration.resolve(flags: [:], environment: ["STARLING_MEMCACHED_SERVERS": "cache:11211"])
        #expect(environment.memcachedServers == "cache:11211")
        #expect(try Configuration.resolve(flags: [:], environment: [:]).memcachedServers == nil)
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: ["memcached-servers": "host:99999"], environment: [:]) }
    }
}
