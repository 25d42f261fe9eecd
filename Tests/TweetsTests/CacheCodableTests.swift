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
        var manyPhotos = ByteBuffer()
        for field: Int64 in [1, 2] { manyPhotos.writeField(field) }
        manyPhotos.writeField("x")
        for field: Int64 in [0, 0, .max] { manyPhotos.writeField(field) }
        #expect(Tweet(from: &manyPhotos) == nil, "a photo count beyond the bytes")
    }

    @Test func everyCutIsAMissAndAWholeValueIsReadToItsEnd() {
        let user = User(id: 7, username: "alice_01", email: "a@example.com", passwordHash: "$2b$04$x", isStaff: false,
                        nickname: "Älice", avatarKey: "avatars/a.png", createdAt: 7)
        let tweet = Tweet(id: 9, userID: 7, content: "héllo", photoKeys: ["photos/a.png"], retweetOf: 3, retweetsCount: 1)
        var userBytes = ByteBuffer(), tweetBytes = ByteBuffer()
        user.write(to: &userBytes)
        tweet.write(to: &tweetBytes)
        for length in 0..<userBytes.readableBytes {
            var cut = userBytes.getSlice(at: 0, length: length)!
            #expect(User(from: &cut) == nil, "user cut at \(length)")
        }
        for length in 0..<tweetBytes.readableBytes {
            var cut = tweetBytes.getSlice(at: 0, length: length)!
            #expect(Tweet(from: &cut) == nil, "tweet cut at \(length)")
        }
        var both = userBytes
        both.writeImmutableBuffer(tweetBytes)
        #expect(User(from: &both) == user)
        #expect(Tweet(from: &both) == tweet, "the user's decode stopped at its last byte")
        #expect(both.readableBytes == 0)
    }
}
