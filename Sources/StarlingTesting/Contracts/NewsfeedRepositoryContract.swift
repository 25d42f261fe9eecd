import App
import Friendships
import Newsfeeds
import StarlingCore
import Testing
import Tweets

/// The behaviour every `NewsfeedRepository` must have.
public enum NewsfeedRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let feeds = repositories.newsfeeds
        let owners = Array(Int64(1)...2_500)
        #expect(try await feeds.insert(tweetID: 50, authorID: 9, owners: owners) == 2_500, "a batch larger than one statement")
        #expect(try await feeds.insert(tweetID: 50, authorID: 9, owners: owners) == 0, "a replayed batch inserts nothing")
        #expect(try await feeds.insert(tweetID: 60, authorID: 8, owners: [1, 2]) == 2)
        #expect(try await feeds.insert([NewsfeedEntry(ownerID: 1, tweetID: 40, authorID: 8), NewsfeedEntry(ownerID: 1, tweetID: 60, authorID: 8)]) == 1)

        let page = try await feeds.entries(owner: 1, page: PageRequest(limit: 2))
        #expect(page.items.map(\.tweetID) == [60, 50])
        #expect(page.hasNextPage)
        let next = try await feeds.entries(owner: 1, page: PageRequest(olderThan: 50, limit: 2))
        #expect(next.items.map(\.tweetID) == [40])
        #expect(!next.hasNextPage)
        #expect(try await feeds.entries(owner: 1, page: PageRequest(newerThan: 40)).items.map(\.tweetID) == [60, 50])

        #expect(try await feeds.remove(authorID: 8, fromFeedOf: 1) == 2)
        #expect(try await feeds.entries(owner: 1, page: .first).items.map(\.tweetID) == [50])
        #expect(try await feeds.remove(tweetID: 50) == 2_500)
        #expect(try await feeds.entries(owner: 1, page: .first).items.isEmpty)
        #expect(try await feeds.entries(owner: 2, page: .first).items.map(\.tweetID) == [60])
    }
}
