import App
import Comments
import Likes
import Notifications
import StarlingCore
import Testing
import Tweets

/// The behaviour every `NotificationRepository` must have.
public enum NotificationRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let notifications = repositories.notifications
        let comment = Notification(id: 100, recipientID: 1, actorID: 2, verb: .commentedOnYourTweet,
                                   actionObject: .init(.comment, 7), target: .init(.tweet, 6))
        #expect(try await notifications.insert(comment))
        #expect(try await !notifications.insert(comment), "the same id twice is one notification")
        for id in Int64(101)...104 {
            try await notifications.insert(Notification(id: id, recipientID: 1, actorID: 3, verb: .followedYou, actionObject: .init(.user, 3)))
        }
        try await notifications.insert(Notification(id: 200, recipientID: 9, actorID: 1, verb: .likedYourTweet, target: .init(.tweet, 5)))

        let (total, page) = try await notifications.list(recipientID: 1, unread: nil, offset: 1, limit: 2)
        #expect(total == 5)
        #expect(page.map(\.id) == [103, 102], "newest first")
        let (_, all) = try await notifications.list(recipientID: 1, unread: nil, offset: 0, limit: 10)
        #expect(all.last == comment, "every field survives the round trip")
        #expect(try await notifications.unreadCount(recipientID: 1) == 5)

        #expect(try await notifications.setUnread(false, id: 100, recipientID: 1)?.unread == false)
        #expect(try await notifications.setUnread(false, id: 200, recipientID: 1) == nil, "not the recipient's")
        #expect(try await notifications.list(recipientID: 1, unread: false, offset: 0, limit: 10).items.map(\.id) == [100])
        #expect(try await notifications.list(recipientID: 1, unread: true, offset: 0, limit: 10).total == 4)
        #expect(try await notifications.markAllRead(recipientID: 1) == 4)
        #expect(try await notifications.unreadCount(recipientID: 1) == 0)
        #expect(try await notifications.unreadCount(recipientID: 9) == 1)
        #expect(try await notifications.setUnread(true, id: 101, recipientID: 1)?.unread == true)
    }
}
