import Accounts
import App
import Foundation
import Newsfeeds
import Notifications
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// The retweet use cases on the in-memory store, and the retweet contract of every store.
@Suite(.testDatabases) struct RetweetTests {
    /// The use cases over fresh in-memory repositories, with users 1 (the author), 2 and 3.
    struct World {
        let repositories: Repositories
        let retweet: RetweetTweet
        let delete: DeleteTweet
        let hydrate: HydrateTweets
        let notify: Notify
        let ids = IDGenerator(clock: SystemWallClock())

        init() async throws {
            repositories = await .memory()
            let feeds = MemoryFeedCache(clock: SystemWallClock())
            retweet = RetweetTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {})
            delete = DeleteTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {})
            hydrate = HydrateTweets(users: repositories.users, likes: repositories.likes, tweets: repositories.tweets)
            notify = Notify(notifications: repositories.notifications, tweets: repositories.tweets, comments: repositories.comments,
                            likes: repositories.likes, friendships: repositories.friendships)
            for (id, name) in [(Int64(1), "author_1"), (2, "second_2"), (3, "third_33")] {
                try await repositories.users.create(User(id: id, username: name, email: "\(name)@example.com", passwordHash: "x",
                                                             createdAt: id))
            }
        }

        func post(_ content: String, by userID: Int64 = 1) async throws -> Tweet {
            let tweet = Tweet(id: ids.next(), userID: userID, content: content)
            try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
            return tweet
        }

        func jobs<Payload: JobPayload>(_ type: Payload.Type) async throws -> [Payload] {
            try await repositories.outbox.pending(limit: 1_000).filter { $0.name == Payload.jobName }.map { try $0.decode(type) }
        }
    }

    @Test func retweetingStoresOneRetweetCountedOnTheOriginal() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let first = try await world.retweet(tweetID: original.id, by: 2)
        #expect(first.created && first.retweet.retweetOf == original.id && first.retweet.userID == 2 && first.retweet.content.isEmpty)
        #expect(first.original.retweetsCount == 1, "the answer carries the original as counted")
        #expect(first.retweet.id > original.id, "a retweet takes a new id of the same space")
        let again = try await world.retweet(tweetID: original.id, by: 2)
        #expect(!again.created && again.retweet == first.retweet && again.original.retweetsCount == 1, "retweeting again changes nothing")
        let fanouts = try await world.jobs(FanOutTweetJob.self).map(\.tweetID)
        #expect(fanouts == [original.id, first.retweet.id], "the retweet is fanned out like a tweet, once")
        #expect(try await world.jobs(RetweetNotificationJob.self) == [RetweetNotificationJob(retweetID: first.retweet.id)])
    }

    @Test func retweetingARetweetRetweetsItsOriginal() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let byTwo = try await world.retweet(tweetID: original.id, by: 2).retweet
        let byThree = try await world.retweet(tweetID: byTwo.id, by: 3)
        #expect(byThree.created && byThree.retweet.retweetOf == original.id && byThree.original.id == original.id)
        #expect(byThree.original.retweetsCount == 2)
        let ownAgain = try await world.retweet(tweetID: byTwo.id, by: 2)
        #expect(!ownAgain.created && ownAgain.retweet == byTwo, "through one's own retweet: the same retweet")
    }

    @Test func anAuthorMayRetweetTheirOwnTweetWithoutBeingNotified() async throws {
        let world = try await World()
        let original = try await world.post("mine")
        let own = try await world.retweet(tweetID: original.id, by: 1)
        #expect(own.created && own.original.retweetsCount == 1)
        try await world.notify.retweet(RetweetNotificationJob(retweetID: own.retweet.id))
        #expect(try await world.repositories.notifications.list(recipientID: 1, unread: nil, offset: 0, limit: 10).total == 0)
    }

    @Test func anUnknownTweetIsNotFound() async throws {
        let world = try await World()
        await #expect(throws: StarlingError.notFound) { try await world.retweet(tweetID: 424_242, by: 2) }
        await #expect(throws: StarlingError.notFound) { try await world.retweet.undo(tweetID: 424_242, by: 2) }
    }

    @Test func undoingDeletesTheRetweetThroughTheDeletionPath() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let retweet = try await world.retweet(tweetID: original.id, by: 2).retweet
        let undone = try await world.retweet.undo(tweetID: original.id, by: 2)
        #expect(undone.removed?.id == retweet.id && undone.original.retweetsCount == 0)
        #expect(try await world.repositories.tweets.tweet(id: retweet.id) == nil)
        let removals = try await world.jobs(RemoveTweetFromFeedsJob.self)
        #expect(removals == [RemoveTweetFromFeedsJob(tweetID: retweet.id, authorID: 2)], "its feed rows go by the deletion's job")
        let twice = try await world.retweet.undo(tweetID: original.id, by: 2)
        #expect(twice.removed == nil && twice.original.id == original.id, "not retweeted: nothing changes")
        let redo = try await world.retweet(tweetID: original.id, by: 2)
        #expect(redo.created && redo.retweet.id != retweet.id && redo.original.retweetsCount == 1, "and it can be retweeted again")
        let byRetweetID = try await world.retweet.undo(tweetID: redo.retweet.id, by: 2)
        #expect(byRetweetID.removed?.id == redo.retweet.id, "the retweet's own id names the original too")
    }

    @Test func deletingTheOriginalDeletesItsRetweets() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let other = try await world.post("stays")
        let two = try await world.retweet(tweetID: original.id, by: 2).retweet
        let three = try await world.retweet(tweetID: original.id, by: 3).retweet
        let kept = try await world.retweet(tweetID: other.id, by: 2).retweet
        #expect(try await world.delete(tweetID: original.id, by: 1).id == original.id)
        #expect(try await world.repositories.tweets.tweets(ids: [original.id, two.id, three.id]).isEmpty)
        #expect(try await world.repositories.tweets.tweet(id: kept.id) != nil)
        let removals = try await world.jobs(RemoveTweetFromFeedsJob.self).sorted { $0.tweetID < $1.tweetID }
        #expect(removals == [RemoveTweetFromFeedsJob(tweetID: original.id, authorID: 1), RemoveTweetFromFeedsJob(tweetID: two.id, authorID: 2),
                             RemoveTweetFromFeedsJob(tweetID: three.id, authorID: 3)])
        await #expect(throws: StarlingError.forbidden("You can only delete your own tweets.")) {
            try await world.delete(tweetID: kept.id, by: 1)
        }
        #expect(try await world.delete(tweetID: kept.id, by: 2).retweetOf == other.id, "a retweeter deletes their retweet")
        #expect(try await world.repositories.tweets.tweet(id: other.id)?.retweetsCount == 0)
    }

    @Test func aRetweetNotifiesTheOriginalsAuthorOnce() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let retweet = try await world.retweet(tweetID: original.id, by: 2).retweet
        let job = RetweetNotificationJob(retweetID: retweet.id)
        try await world.notify.retweet(job)
        try await world.notify.retweet(job)
        let list = try await world.repositories.notifications.list(recipientID: 1, unread: nil, offset: 0, limit: 10)
        #expect(list.items == [Notification(id: retweet.id, recipientID: 1, actorID: 2, verb: .retweetedYourTweet,
                                            actionObject: .init(.tweet, retweet.id), target: .init(.tweet, original.id))])
        let gone = try await world.retweet(tweetID: original.id, by: 3).retweet
        _ = try await world.retweet.undo(tweetID: original.id, by: 3)
        try await world.notify.retweet(RetweetNotificationJob(retweetID: gone.id))
        #expect(try await world.repositories.notifications.list(recipientID: 1, unread: nil, offset: 0, limit: 10).total == 1,
                "an undone retweet notifies nobody")
        var handlers = JobHandlers()
        world.notify.register(in: &handlers)
        try await handlers.run(Job(id: world.ids.next(), job))  // registered: not an unknown job
    }

    @Test func hydrationCarriesTheOriginalAsTheViewerSeesIt() async throws {
        let world = try await World()
        let original = try await world.post("hello")
        let retweet = try await world.retweet(tweetID: original.id, by: 2).retweet
        let views = try await world.hydrate([retweet, original], viewerID: 2)
        #expect(views.count == 2)
        let view = try #require(views.first)
        #expect(view.tweet == retweet && view.author.id == 2 && !view.hasRetweeted)
        let inner = try #require(view.original)
        #expect(inner.tweet.id == original.id && inner.author.id == 1 && inner.hasRetweeted && inner.tweet.retweetsCount == 1)
        #expect(inner.original == nil)
        #expect(views[1].hasRetweeted && views[1].original == nil)
        let anonymous = try await world.hydrate([retweet], viewerID: nil)
        #expect(anonymous.first?.original?.hasRetweeted == false)
        // A retweet whose original is gone (deleted before its retweets' clean-up ran) is left out.
        let orphan = Tweet.retweet(id: world.ids.next(), of: 999, by: 3)
        #expect(try await world.hydrate([orphan, original], viewerID: 3).map(\.tweet.id) == [original.id])
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await RetweetRepositoryContract.run(try await backend.repositories())
    }
}
