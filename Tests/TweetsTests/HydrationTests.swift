import App
import Foundation
import HTTPTypes
import StarlingCore
import StarlingTesting
import Testing

/// A page costs the same few store round trips whatever its size: no query per tweet.
@Suite(.testDatabases) struct HydrationTests {
    @Test(arguments: Backend.durableCases) func aPageOf5AndAPageOf50CostTheSameNumberOfQueries(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            var authors: [API.Account] = []
            for n in 0..<5 {
                let author = try await api.signUp("author_0\(n)")
                try await api.follow(author, by: reader)
                authors.append(author)
            }
            for n in 0..<60 {
                let author = authors[n % authors.count]
                let reply = try await api.multipart(.post, "/api/tweets/", token: author.token, fields: ["content": "tweet \(n)"],
                                                    files: n % 2 == 0 ? [("files", "p.png", SampleImage.png)] : [])
                try #require(reply.status == .created)
                if n % 3 == 0 { try await api.like("tweet", try #require((try reply.object()["id"] as? NSNumber)?.int64Value), as: reader) }
            }
            try await app.settle()

            let feedID = authors[0].id
            let token = reader.token
            /// Statements for one request on fresh caches, then for the same request again.
            func queries(_ uri: String) async throws -> (cold: Int, warm: Int) {
                try await roundTrips(uri).statements
            }
            /// Store statements and object-cache round trips, cold then warm.
            func roundTrips(_ uri: String) async throws -> (statements: (cold: Int, warm: Int), cache: (cold: Int, warm: Int)) {
                var caches = Caches.inProcess(clock: SystemWallClock())
                let counting = InstrumentedCache(caches.keyValue)
                caches.keyValue = counting
                return try await TestStarling(repositories: repositories, caches: caches).test { api in
                    var statements: [Int] = [], cache: [Int] = []
                    for _ in 0..<2 {
                        let tally = StatementTally()
                        counting.reset()
                        let reply = try await StatementTally.$current.withValue(tally) { try await api.call(.get, uri, token: token) }
                        try #require(reply.status == .ok)
                        statements.append(tally.value)
                        cache.append(counting.roundTrips)
                    }
                    return ((statements[0], statements[1]), (cache[0], cache[1]))
                }
            }
            let feed5 = try await queries("/api/newsfeeds/?limit=5")
            let (feed50, feed50Cache) = try await roundTrips("/api/newsfeeds/?limit=50")
            #expect(feed5 == feed50, "newsfeed: \(feed5) vs \(feed50) statements")
            // Warm: the session, the hybrid feed's plan, the tweets, their authors, the viewer's
            // latest marks — one multi-get each.
            #expect(feed50Cache.warm == 5, "newsfeed: \(feed50Cache) object-cache round trips")
            // Warm, the store runs no statement: the feed's ids, its plan, the tweets with their
            // photo keys, the authors, the session and `has_liked`/`has_retweeted` (the viewer's
            // latest marks, `CachedViewerMarks`) all come from caches. Before tweets carried their
            // photo keys, a photos query ran on every page: warm 2, cold 7 (then 1 and 6; the plan
            // and the viewer's retweets, one query more each, made them 3 and at most 10; the cached
            // plan and the marks in one statement, 1; the cached marks, 0).
            #expect(feed50.cold <= 10, "\(feed50)")
            #expect(feed50.warm == 0, "\(feed50)")
            #expect(feed50.cold > 0, "the tally counts the store's statements")
            let user5 = try await queries("/api/tweets/?user_id=\(feedID)&limit=5")
            let user50 = try await queries("/api/tweets/?user_id=\(feedID)&limit=50")
            #expect(user5 == user50, "user tweets: \(user5) vs \(user50) statements")
            #expect(user50.warm == 0, "user tweets: \(user50) statements; warm, none (`has_liked` and `has_retweeted` from the viewer's cached marks)")
            let page = try await api.call(.get, "/api/newsfeeds/?limit=50", token: reader.token).results()
            #expect(page.count == 50)
            #expect(page.contains { ($0["tweet"] as? [String: Any])?["has_liked"] as? Bool == true })
            #expect(page.contains { (($0["tweet"] as? [String: Any])?["photo_urls"] as? [String])?.count == 1 })
        }
    }

    @Test(arguments: Backend.durableCases) func theAnswerToAPostReadsNothingItJustWrote(_ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            _ = try await api.post("the first fills the caches with the session and the author", as: alice)
            let tally = StatementTally()
            let reply = try await StatementTally.$current.withValue(tally) {
                try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "with a photo"],
                                        files: [("files", "p.png", SampleImage.png)])
            }
            try #require(reply.status == .created)
            let tweet = try reply.object()
            #expect((tweet["photo_urls"] as? [String])?.count == 1)
            #expect(tweet["has_liked"] as? Bool == false)
            // The transaction only: the tweet, its photo, its author's feed row, its fanout job. The
            // photo keys come back with the tweet, nobody has liked it yet, the author is cached.
            #expect(tally.value == 4, "\(tally.value) statements")
        }
    }
}
