import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StarlingCore
import StarlingTesting
import Testing

/// `GET /metrics` after a scripted workload: every family the operators' dashboards read has
/// counted something. The registry is process-wide (swift-metrics is bootstrapped once), so the
/// values include other tests' work; each family must be above zero all the same.
@Suite struct MetricsTests {
    @Test func everyFamilyCountsAfterAWorkload() async throws {
        let generous = [RateLimit(count: 10_000, seconds: 1)]
        let app = TestStarling(repositories: try await Backend.sqlite.repositories(), rateLimits: true) {
            $0.rateLimitOverrides = ["accounts": generous, "follow": generous, "tweet_create": generous]
        }
        try await app.test { api in
            let alice = try await api.signUp("metrics_alice")
            // Concurrent sign-ups and follows contend for SQLite's one writer: store pool waits.
            let readers = try await withThrowingTaskGroup(of: API.Account.self) { group in
                for index in 0..<12 { group.addTask { try await api.signUp("metrics_reader\(index)") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for reader in readers { group.addTask { try await api.follow(alice, by: reader) } }
                try await group.waitForAll()
            }
            let tweet = try await api.post("counted", as: alice)  // a fanout job: enqueued, run, its lag
            try await app.settle()
            let bob = readers[0]
            #expect(try await api.newsfeed(bob).ids == [tweet])  // feed cache: a miss, then a fill
            #expect(try await api.newsfeed(bob).ids == [tweet])  // and a hit
            for _ in 0..<2 { _ = try await api.call(.get, "/api/tweets/\(tweet)/") }  // object cache
            var refused = false
            for _ in 0..<5 where !refused {  // the newsfeed's limit is 5 a second: 20 at once pass it
                refused = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<20 {
                        group.addTask { try await api.call(.get, "/api/newsfeeds/", token: bob.token).status == .tooManyRequests }
                    }
                    return try await group.reduce(false) { $0 || $1 }
                }
            }
            #expect(refused)
            // A job no handler knows is dead at once (one failed attempt).
            try await app.repositories.outbox.append(Job(id: app.starling.ids.next(), name: "metrics_test_unknown", payload: "{}"))
            app.starling.relay.nudge()
            try await app.settle()
            // A job created a minute ago and due in an hour keeps the queue non-empty.
            let now = SystemWallClock().nowMicros()
            try await app.repositories.outbox.reschedule(PendingJob(job: Job(id: now - 60_000_000, name: "metrics_test_later", payload: "{}")),
                                                         at: now + 3_600_000_000, error: "not yet")

            let reply = try await api.client.execute(uri: "/metrics", method: .get) { $0 }
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: reply.body)
            let values = Self.sums(text)
            for family in [
                "starling_http_requests_total", "starling_http_request_duration_seconds_count",
                "starling_jobs_enqueued_total", "starling_jobs_run_total", "starling_jobs_failed_total", "starling_jobs_dead_total",
                "starling_jobs_queue_depth", "starling_jobs_oldest_age_seconds", "starling_job_duration_seconds_count",
                "starling_fanout_lag_seconds_count",
                "starling_feed_cache_hits_total", "starling_feed_cache_misses_total", "starling_feed_cache_fills_total",
                "starling_object_cache_hits_total", "starling_object_cache_misses_total",
                "starling_store_pool_waits_total", "starling_rate_limited_total",
            ] {
                #expect((values[family] ?? 0) > 0, "\(family) is \(values[family].map(String.init(describing:)) ?? "missing")")
            }
            #expect((values["starling_jobs_oldest_age_seconds"] ?? 0) >= 59)
            #expect(text.contains(#"starling_http_requests_total{route="/api/newsfeeds","#) || text.contains(#"route="/api/newsfeeds/""#),
                    "requests are labelled by route pattern")
            #expect(text.contains(#"starling_rate_limited_total{rule="newsfeed"}"#))
            #expect(text.contains(#"starling_jobs_dead_total{name="metrics_test_unknown"}"#))
            for cache in ["objects", "feeds", "encoded_tweets"] {
                #expect(text.contains(#"starling_memory_cache_bytes{cache="\#(cache)"}"#), "the bytes \(cache) hold")
                #expect(text.contains(#"starling_memory_cache_budget_bytes{cache="\#(cache)"}"#))
            }
            #expect(!text.contains("/api/tweets/\(tweet)"), "no raw path becomes a label")
        }
    }

    /// With Redis, the near cache's bytes are reported beside the other in-process caches'.
    @Test func theNearCacheReportsItsBytes() async throws {
        let (caches, services) = try CacheBackend.redis.make()
        let app = TestStarling(repositories: try await Backend.sqlite.repositories(), caches: caches, services: services)
        try await app.test { api in
            let alice = try await api.signUp("metrics_near")
            let tweet = try await api.post("held near", as: alice)
            for _ in 0..<3 { _ = try await api.call(.get, "/api/tweets/\(tweet)/") }
            let text = String(buffer: try await api.client.execute(uri: "/metrics", method: .get) { $0.body })
            #expect(text.contains(#"starling_memory_cache_bytes{cache="near"}"#))
            #expect(text.contains(#"starling_memory_cache_budget_bytes{cache="near"}"#))
            #expect(text.contains(#"starling_memory_cache_bytes{cache="near_feeds"}"#))
        }
    }

    @Test func aSaneRequestIDIsEchoedAndAnyOtherReplacedByANewOne() async throws {
        let app = TestStarling(repositories: try await Backend.memory.repositories())
        try await app.test { api in
            let header = HTTPField.Name("X-Request-ID")!
            let kept = try await api.client.execute(uri: "/healthz", method: .get, headers: [header: "trace-42.a:b"]) { $0 }
            #expect(kept.headers[header] == "trace-42.a:b")
            for insane in [String(repeating: "a", count: 129), "has space", "quote\"d", "ünïcode"] {
                let minted = try await api.client.execute(uri: "/healthz", method: .get, headers: [header: insane]) { $0 }
                let id = try #require(minted.headers[header])
                #expect(id != insane && id.count == 16 && id.allSatisfy(\.isHexDigit), "\(insane) → \(id)")
            }
            let none = try await api.client.execute(uri: "/api/no-such-route/", method: .get) { $0 }
            #expect(none.status == .notFound)
            #expect(none.headers[header]?.count == 16, "errors carry a request id too")
        }
    }

    /// The sum of every sample of each metric name (labels dropped).
    static func sums(_ exposition: String) -> [String: Double] {
        var sums: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let series = line[..<space]
            let name = series.firstIndex(of: "{").map { String(series[..<$0]) } ?? String(series)
            sums[name, default: 0] += value
        }
        return sums
    }
}
