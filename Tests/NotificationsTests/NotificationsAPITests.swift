import App
import Foundation
import HTTPTypes
import Notifications
import StarlingCore
import StarlingTesting
import Testing

@Suite(.testDatabases) struct NotificationsAPITests {
    @Test(arguments: Backend.allCases) func commentsLikesAndFollowsNotifyTheOwnerButNeverTheActor(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweet = try await api.post("hello", as: alice)
            try await api.follow(alice, by: bob)
            let comment = try await api.comment(on: tweet, "hi alice", as: bob)
            try await api.like("tweet", tweet, as: bob)
            let own = try await api.comment(on: tweet, "my own", as: alice)
            try await api.like("comment", own, as: alice)
            try await api.like("tweet", tweet, as: alice)
            try await api.like("comment", comment, as: alice)
            try await app.settle()

            let page = try await api.call(.get, "/api/notifications/", token: alice.token).object()
            #expect(page["count"] as? Int == 3)
            let items = try #require(page["results"] as? [[String: Any]])
            #expect(items.map { $0["verb"] as? String } == ["liked your tweet", "commented on your tweet", "followed you"], "newest first")
            let commented = items[1]
            #expect(commented["actor_content_type"] as? String == "user")
            #expect((commented["actor_object_id"] as? NSNumber)?.int64Value == bob.id)
            #expect(commented["action_object_content_type"] as? String == "comment")
            #expect((commented["action_object_object_id"] as? NSNumber)?.int64Value == comment)
            #expect(commented["target_content_type"] as? String == "tweet")
            #expect((commented["target_object_id"] as? NSNumber)?.int64Value == tweet)
            #expect(commented["unread"] as? Bool == true && commented["timestamp"] is String)
            #expect((commented["actor"] as? [String: Any])?["username"] as? String == "bob_0001")
            #expect(items[2]["target_content_type"] is NSNull, "a follow has no target")

            let bobs = try await api.call(.get, "/api/notifications/", token: bob.token).results()
            #expect(bobs.map { $0["verb"] as? String } == ["liked your comment"])
            #expect(bobs.first?["target_content_type"] as? String == "comment")
        }
    }

    @Test(arguments: Backend.allCases) func readingMarkingAndCounting(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            for n in 0..<3 { try await api.like("tweet", tweet, as: try await api.signUp("fan_000\(n)")) }
            try await app.settle()
            #expect(try await api.call(.get, "/api/notifications/unread-count/", token: alice.token).object()["unread_count"] as? Int == 3)

            let items = try await api.call(.get, "/api/notifications/", token: alice.token).results()
            let id = try #require((items.first?["id"] as? NSNumber)?.int64Value)
            let read = try await api.call(.put, "/api/notifications/\(id)/", token: alice.token, json: ["unread": false])
            #expect(read.status == .ok)
            #expect(try read.object()["unread"] as? Bool == false)
            #expect(try await api.call(.get, "/api/notifications/?unread=true", token: alice.token).object()["count"] as? Int == 2)
            #expect(try await api.call(.get, "/api/notifications/?unread=false", token: alice.token).object()["count"] as? Int == 1)

            let marked = try await api.call(.post, "/api/notifications/mark-all-as-read/", token: alice.token).object()
            #expect(marked["marked_count"] as? Int == 2)
            #expect(try await api.call(.get, "/api/notifications/unread-count/", token: alice.token).object()["unread_count"] as? Int == 0)
            let unread = try await api.call(.patch, "/api/notifications/\(id)/", token: alice.token, json: ["unread": true])
            #expect(try unread.object()["unread"] as? Bool == true)
        }
    }

    @Test func othersNotificationsAreHiddenAndBadInputRefused() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            try await app.settle()
            let id = try #require((try await api.call(.get, "/api/notifications/", token: alice.token).results().first?["id"] as? NSNumber)?.int64Value)
            #expect(try await api.call(.put, "/api/notifications/\(id)/", token: bob.token, json: ["unread": false]).status == .notFound)
            #expect(try await api.call(.put, "/api/notifications/\(id)/", token: alice.token, json: [:]).status == .badRequest)
            #expect(try await api.call(.put, "/api/notifications/\(id)/", token: alice.token, json: ["unread": "maybe"]).status == .badRequest)
            #expect(try await api.call(.put, "/api/notifications/x/", token: alice.token, json: ["unread": false]).status == .badRequest)
            #expect(try await api.call(.get, "/api/notifications/").status == .forbidden)
            #expect(try await api.call(.get, "/api/notifications/unread-count/").status == .forbidden)
            #expect(try await api.call(.post, "/api/notifications/mark-all-as-read/").status == .forbidden)
            #expect(try await api.call(.get, "/api/notifications/?unread=perhaps", token: alice.token).status == .badRequest)
            #expect(try await api.call(.get, "/api/notifications/?page=0", token: alice.token).status == .badRequest)
            #expect(try await api.call(.get, "/api/notifications/?page=5", token: alice.token).status == .notFound)
            #expect(try await api.call(.get, "/api/notifications/", token: bob.token).object()["count"] as? Int == 0)
        }
    }

    @Test(arguments: Backend.allCases) func notificationJobsCanRunTwice(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories)
        let (alice, comment) = try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            let comment = try await api.comment(on: tweet, "hi", as: try await api.signUp("bob_0001"))
            try await app.settle()
            return (alice, comment)
        }
        let notify = Notify(notifications: repositories.notifications, tweets: repositories.tweets, comments: repositories.comments,
                            likes: repositories.likes, friendships: repositories.friendships)
        try await notify.comment(.init(commentID: comment))
        try await notify.comment(.init(commentID: 424242))
        #expect(try await repositories.notifications.unreadCount(recipientID: alice.id) == 1)
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await NotificationRepositoryContract.run(try await backend.repositories())
    }
}
