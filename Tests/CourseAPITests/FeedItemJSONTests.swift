import Accounts
import Foundation
@testable import CourseAPI
import Newsfeeds
import StarlingCore
import StarlingHTTP
import Testing
import Tweets

/// Pages are written by the hand-written `JSONWriter`, single objects by `JSONEncoder`: both must
/// write the same JSON for the same value.
@Suite struct FeedItemJSONTests {
    static let author = User(id: 7, username: "alice_01", email: "a@example.com", passwordHash: "$2b$04$x",
                             nickname: "Älice \"quoted\" ✨", avatarKey: "avatars/0123456789abcdef0123456789abcdef.png",
                             createdAt: 1_795_000_000_000_000)
    static let tweet = Tweet(id: 1_795_000_000_123_456, userID: 7, content: "quote \" backslash \\ newline \n tab \t 🐦 </script>",
                             likesCount: 3, commentsCount: 12, photoKeys: ["photos/b.png", "photos/a.jpg"])

    /// Every optional set and none, liked and not, photos and none, a retweet and its original.
    static var tweets: [TweetJSON] {
        var bare = author
        bare.nickname = nil
        bare.avatarKey = nil
        var plain = tweet
        plain.photoKeys = []
        plain.retweetsCount = 2
        let retweet = Tweet.retweet(id: tweet.id + 1, of: tweet.id, by: 8)
        let original = TweetJSON(plain, author: bare, hasRetweeted: true)
        return [TweetJSON(tweet, author: author, hasLiked: true), original, TweetJSON(retweet, author: author, retweetOf: original)]
    }

    /// The JSON parsed and written again with sorted keys: equal for equal objects, and still
    /// telling `true` from `1`.
    func canonical(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func written(_ value: some JSONWritable) throws -> String {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return try canonical(Data(writer.buffer.readableBytesView))
    }

    func encoded(_ value: some Encodable) throws -> String {
        try canonical(JSONEncoder().encode(value))
    }

    @Test(arguments: tweets) func aTweetIsWrittenAsItIsEncoded(_ json: TweetJSON) throws {
        let mine = try written(json)
        #expect(mine == (try encoded(json)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(mine.utf8)) as? [String: Any])
        #expect(object.count == 11 && (object["user"] as? [String: Any])?.count == 4, "every member is there: \(mine)")
        #expect(object["photo_urls"] as? [String] == json.photoURLs)
        let nested = object["retweet_of"] as? [String: Any]
        #expect(json.retweetOf == nil ? object["retweet_of"] is NSNull : nested?.count == 11 && nested?["retweet_of"] is NSNull)
    }

    @Test(arguments: tweets) func aFeedItemIsWrittenAsItIsEncoded(_ json: TweetJSON) throws {
        let item = NewsfeedItemJSON(tweet: json)
        let mine = try written(item)
        #expect(mine == (try encoded(item)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(mine.utf8)) as? [String: Any])
        #expect(object["created_at"] as? String == Timestamp.format(json.createdAt))
        #expect(object.count == 2 && object["tweet"] is [String: Any])
    }
}
