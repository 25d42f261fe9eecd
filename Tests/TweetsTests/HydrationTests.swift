import App
import Foundation
import HTTPTypes
import SQLiteStorage
import StarlingTesting
import Testing

/// A page costs the same few store round trips whatever its size: no query per tweet.
@Suite struct HydrationTests {
    @Test func aPageOf5AndAPageOf50CostTheSameNumberOfQueries() async throws {
        let store = try await Backend.openSQLite(at: TemporaryDirectory.make().appendingPathComponent("starling.sqlite").path)
        let app = TestStarling(repositories: .sqlite(store))
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

            func queries(_ uri: String) async throws -> Int {
                let before = store.statementCount
                let reply = try await api.call(.get, uri, token: reader.token)
                try #require(reply.status == .ok)
                return store.statementCount - before
            }
            let feed5 = try await queries("/api/newsfeeds/?limit=5")
            let feed50 = try await queries("/api/newsfeeds/?limit=50")
            #expect(feed5 == feed50, "newsfeed: \(feed5) vs \(feed50) statements")
            #expect(feed50 <= 7, "session, user, feed rows, tweets, authors, likes, photos")
            let user5 = try await queries("/api/tweets/?user_id=\(authors[0].id)&limit=5")
            let user50 = try await queries("/api/tweets/?user_id=\(authors[0].id)&limit=50")
            #expect(user5 == user50, "user tweets: \(user5) vs \(user50) statements")
            let page = try await api.call(.get, "/api/newsfeeds/?limit=50", token: reader.token).results()
            #expect(page.count == 50)
            #expect(page.contains { ($0["tweet"] as? [String: Any])?["has_liked"] as? Bool == true })
            #expect(page.contains { (($0["tweet"] as? [String: Any])?["photo_urls"] as? [String])?.count == 1 })
        }
    }
}
