import App
import Foundation
import Newsfeeds
import StarlingCore
import StarlingTestKit
import StarlingTesting
import Testing

/// The feed models through the API, on every backend: the same pages under push, pull and
/// hybrid; celebrities pulled, flagged and cleared with no duplicate and no gap; an inactive
/// user who comes back reads a complete first page before their feed is restored.
@Suite(.testDatabases) struct FeedModelAPITests {
    static let cases: [(FeedModel, Backend)] = FeedModel.allCases.flatMap { model in Backend.allCases.map { (model, $0) } }

    @Test(arguments: cases) func everyCursorGivesTheSamePagesUnderEveryModel(_ model: FeedModel, _ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories()) {
            $0.feedModel = model
            $0.celebrityFollowers = 2
        }
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let other = try await api.signUp("other_001")
            let star = try await api.signUp("star_0001")
            let plain = try await api.signUp("plain_001")
            for followee in [star, plain] { try await api.follow(followee, by: reader) }
            try await api.follow(star, by: other)
            var posted: [Int64] = []
            var byStar: Set<Int64> = []
            for n in 0..<12 {
                posted.append(try await api.post("before \(n)", as: n % 2 == 0 ? star : plain))
                if n % 2 == 0 { byStar.insert(posted[posted.count - 1]) }
            }
            try await app.settle()
            try await app.starling.useCases.flagCelebrities()  // star has 2 followers: a celebrity from now on
            for n in 0..<12 {
                posted.append(try await api.post("after \(n)", as: n % 3 == 0 ? plain : star))
                if n % 3 != 0 { byStar.insert(posted[posted.count - 1]) }
            }
            posted.append(try await api.post("mine", as: reader))
            try await app.settle()
            let expected = Array(posted.reversed())

            for (limit, cursor) in [(5, "max_id"), (7, "created_at__lt"), (1, "max_id")] {
                var seen: [Int64] = []
                var query = "limit=\(limit)"
                while true {
                    let page = try await api.newsfeed(reader, query: query)
                    seen += page.ids
                    guard page.hasNextPage, let last = page.ids.last else { break }
                    query = "limit=\(limit)&\(cursor)=\(last)"
                }
                #expect(seen == expected, "\(model): pages of \(limit) by \(cursor)")
            }
            #expect(try await api.newsfeed(reader, query: "since_id=\(expected[9])").ids == Array(expected.prefix(9)))
            #expect(try await api.newsfeed(reader, query: "created_at__gt=\(expected[4])").ids == Array(expected.prefix(4)))
            #expect(try await api.newsfeed(reader, query: "created_at__gt=\(expected[8])&max_id=\(expected[2])").ids
                    == Array(expected[3..<8]))
            #expect(try await api.newsfeed(other, query: "limit=100").ids == expected.filter(byStar.contains))

            try await api.call(.post, "/api/friendships/\(star.id)/unfollow/", token: reader.token)
            let afterUnfollow = try await api.newsfeed(reader, query: "limit=100").ids
            if model != .push {
                let pulled = expected.prefix(12).filter(byStar.contains)
                #expect(!afterUnfollow.contains { pulled.contains($0) }, "\(model): a pulled celebrity's tweets go on the next read")
            }
            try await app.settle()
            #expect(try await api.newsfeed(reader, query: "limit=100").ids == expected.filter { !byStar.contains($0) })
        }
    }

    @Test(arguments: Backend.allCases) func aCelebrityCrossingTheThresholdBothWaysKeepsFeedsExact(_ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories()) {
            $0.feedModel = .hybrid
            $0.celebrityFollowers = 3
        }
        try await app.test { api in
            let star = try await api.signUp("star_0001")
            var fans: [API.Account] = []
            for n in 0..<3 {
                fans.append(try await api.signUp("fan_000\(n)"))
                try await api.follow(star, by: fans[n])
            }
            var posted: [Int64] = []
            for n in 0..<5 { posted.append(try await api.post("fanned out \(n)", as: star)) }
            try await app.settle()
            #expect(try await app.starling.useCases.flagCelebrities().flagged == [star.id])
            for n in 0..<5 { posted.append(try await api.post("pulled \(n)", as: star)) }
            try await app.settle()
            let rows = try await app.repositories.newsfeeds.entries(owner: fans[0].id, page: PageRequest(limit: 100)).items.map(\.tweetID)
            #expect(rows == Array(posted.prefix(5).reversed()), "a celebrity's new tweets get no fanout rows")
            #expect(try await walk(api, fans[0], limit: 3) == posted.reversed(), "fanned out before the flag, pulled after: each once")

            try await api.call(.post, "/api/friendships/\(star.id)/unfollow/", token: fans[1].token)
            #expect(try await app.starling.useCases.flagCelebrities().cleared == [], "2 followers: above half the threshold, still one")
            try await api.call(.post, "/api/friendships/\(star.id)/unfollow/", token: fans[2].token)
            #expect(try await app.starling.useCases.flagCelebrities().cleared == [star.id])
            try await app.settle()
            let backfilled = try await app.repositories.newsfeeds.entries(owner: fans[0].id, page: PageRequest(limit: 100))
            #expect(backfilled.items.map(\.tweetID) == posted.reversed(), "clearing the flag backfills the pulled tweets")
            posted.append(try await api.post("pushed again", as: star))
            try await app.settle()
            #expect(try await walk(api, fans[0], limit: 4) == posted.reversed())

            #expect(try await app.starling.useCases.flagCelebrities.set(star.id, to: .on), "an admin pins the flag")
            #expect(try await app.starling.useCases.flagCelebrities().cleared == [], "a pinned flag stays")
            #expect(try await walk(api, fans[0], limit: 2) == posted.reversed())
            #expect(try await !app.starling.useCases.flagCelebrities.set(star.id, to: .auto), "handed back, the sweep clears it")
            try await app.settle()
            #expect(try await walk(api, fans[0], limit: 5) == posted.reversed())
        }
    }

    @Test(arguments: Backend.allCases) func aReturningInactiveUsersFirstPageIsComplete(_ backend: Backend) async throws {
        let clock = ManualClock()
        let app = TestStarling(repositories: try await backend.repositories(), clock: clock) {
            $0.feedModel = .hybrid
            $0.inactiveDays = 5
        }
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let authors = [try await api.signUp("author_01"), try await api.signUp("author_02")]
            for author in authors { try await api.follow(author, by: reader) }
            let early = try await api.post("seen while active", as: authors[0])
            try await app.settle()
            clock.advance(seconds: 6 * 86_400)
            var posted: [Int64] = [early]
            for n in 0..<30 {
                clock.advance(seconds: 1)
                posted.append(try await api.post("while away \(n)", as: authors[n % 2]))
            }
            try await app.settle()
            let rows = try await app.repositories.newsfeeds.entries(owner: reader.id, page: PageRequest(limit: 100)).items.map(\.tweetID)
            #expect(rows == [early], "an inactive user gets no fanout rows")

            let expected = Array(posted.reversed())
            let first = try await api.newsfeed(reader)  // the first request in six days
            #expect(first.ids == Array(expected.prefix(20)) && first.hasNextPage, "complete at once, built by pull")
            #expect(try await walk(api, reader, limit: 7) == expected)
            try await app.settle()  // the restore job
            let restored = try await app.repositories.newsfeeds.entries(owner: reader.id, page: PageRequest(limit: 100))
            #expect(restored.items.map(\.tweetID) == expected, "the restore job wrote what fanout skipped")
            #expect(try await app.repositories.activity.feedStaleSince(userID: reader.id) == nil)
            let next = try await api.post("after coming back", as: authors[1])
            try await app.settle()
            #expect(try await walk(api, reader, limit: 9) == [next] + expected, "pushed again")
        }
    }
}

/// The whole feed through the API, page after page by `max_id`.
private func walk(_ api: API, _ account: API.Account, limit: Int) async throws -> [Int64] {
    var seen: [Int64] = []
    var query = "limit=\(limit)"
    for _ in 0..<1_000 {
        let page = try await api.newsfeed(account, query: query)
        seen += page.ids
        guard page.hasNextPage, let last = page.ids.last else { break }
        query = "limit=\(limit)&max_id=\(last)"
    }
    return seen
}
