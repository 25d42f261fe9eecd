import Accounts
import NIOCore
import StarlingCore
import Testing
import Tweets

@Suite struct CacheCodableTests {
    func roundTrip<Value: CacheCodable & Equatable>(_ value: Value) -> Value? {
        var buffer = ByteBuffer()
        value.write(to: &buffer)
        return Value(from: &buffer)
    }

    @Test func usersAndTweetsSurviveTheCache() {
        let user = User(id: 7, username: "alice_01", email: "a@example.com", passwordHash: "$2b$04$x", isStaff: true,
                        nickname: "Älice ✨", avatarKey: nil, createdAt: 7)
        #expect(roundTrip(user) == user)
        var withAvatar = user
        withAvatar.avatarKey = "avatars/0123456789abcdef0123456789abcdef.png"
        withAvatar.nickname = nil
        #expect(roundTrip(withAvatar) == withAvatar)
        let tweet = Tweet(id: 1_795_000_000_000_001, userID: 7, content: "héllo\nworld 🐦", likesCount: 3, commentsCount: 2)
        #expect(roundTrip(tweet) == tweet)
        var withPhotos = tweet
        withPhotos.photoKeys = ["photos/b.png", "photos/a.jpg"]
        #expect(roundTrip(withPhotos) == withPhotos)
    }

    @Test func aTweetCachedWithoutItsPhotoKeysIsAMiss() {
        var old = ByteBuffer()
        old.writeField(Int64(1))
        old.writeField(Int64(7))
        old.writeField("cached by an older version")
        old.writeField(Int64(0))
        old.writeField(Int64(0))
        #expect(Tweet(from: &old) == nil)
        var cut = ByteBuffer()
        Tweet(id: 1, userID: 7, content: "x", photoKeys: ["photos/a.png"]).write(to: &cut)
        cut.moveWriterIndex(to: cut.writerIndex - 4)
        #expect(Tweet(from: &cut) == nil, "a key cut short")
    }

    @Test func malformedBytesAreAMiss() {
        var short = ByteBuffer(bytes: [0, 0, 0, 1])
        #expect(Tweet(from: &short) == nil)
        var lying = ByteBuffer()
        lying.writeField(Int64(1))
        lying.writeField(Int64(2))
        lying.writeInteger(Int32(1_000))
        lying.writeString("too short")
        #expect(Tweet(from: &lying) == nil)
    }
}
