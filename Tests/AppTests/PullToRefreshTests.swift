import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// `created_at__gt` / `since_id` without an upper bound answer every newer item, not one page with
/// `has_next_page: true`: a pull-to-refresh must not leave a gap it cannot see.
@Suite(.testDatabases) struct PullToRefreshTests {
    @Test(arguments: Backend.allCases) func aRefreshAnswersEveryNewerItem(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            var followers: [API.Account] = []
            for n in 0..<25 {
                let follower = try await api.signUp("fan_\(String(format: "%04d", n))")
                try await api.follow(alice, by: follower)
                followers.append(follower)
            }
            var posted: [Int64] = []
            for n in 0..<25 { posted.append(try await api.post("tweet \(n)", as: alice)) }
            try await app.settle()
            let newestFirst = Array(posted.reversed())

            for query in ["created_at__gt=0", "since_id=1"] {
                let tweets = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&\(query)").object()
                let ids = (tweets["results"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
                #expect(ids == newestFirst, "\(query): every newer tweet, newest first")
                #expect(tweets["has_next_page"] as? Bool == false)

                let feed = try await api.newsfeed(bob, query: query)
                #expect(feed.ids == newestFirst)
                #expect(!feed.hasNextPage)

                let list = try await api.call(.get, "/api/friendships/\(alice.id)/followers/?\(query)").object()
                #expect((list["results"] as? [Any])?.count == 26, "\(query): every follower")
                #expect(list["has_next_page"] as? Bool == false)
            }

            // An explicit limit still pages, and both bounds fill a gap page by page.
            let limited = try await api.newsfeed(bob, query: "since_id=1&limit=10")
            #expect(limited.ids == Array(newestFirst.prefix(10)))
            #expect(limited.hasNextPage)
            let gap = try await api.newsfeed(bob, query: "since_id=\(posted[4])&max_id=\(posted[20])")
            #expect(gap.ids == Array(posted[5..<20].reversed()))
            #expect(!gap.hasNextPage)
        }
    }
}
