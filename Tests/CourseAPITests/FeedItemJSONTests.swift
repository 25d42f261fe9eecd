import Accounts
import Foundation
@testable import CourseAPI
import Newsfeeds
import StarlingCore
import StarlingHTTP
import Testing
import Tweets

/// Tweets are written by `JSONWriter` from encoded fragments: every member must be there, with the
/// value of the tweet, author and viewer it was made for.
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

    /// The members a tweet must show, worked out from the tweet and its author alone.
    func expected(_ json: TweetJSON) throws -> String {
        let tweet = json.fragment.tweet, author = json.fragment.author
        var object: [String: Any] = [
            "id": tweet.id, "created_at": Timestamp.format(tweet.createdAt), "content": tweet.content,
            "comments_count": tweet.commentsCount, "likes_count": tweet.likesCount, "has_liked": json.hasLiked,
            "photo_urls": tweet.photoKeys.map { "/media/" + $0 }, "retweets_count": tweet.retweetsCount,
            "has_retweeted": json.hasRetweeted, "retweet_of": NSNull(),
            "user": ["id": author.id, "username": author.username, "nickname": author.nickname ?? NSNull(),
                     "avatar_url": author.avatarKey.map { "/media/" + $0 } ?? NSNull()] as [String: Any],
        ]
        if let original = json.retweetOf {
            object["retweet_of"] = try JSONSerialization.jsonObject(with: Data(try expected(original).utf8))
        }
        return try canonical(JSONSerialization.data(withJSONObject: object))
    }

    @Test(arguments: tweets) func aTweetIsWrittenWithEveryMember(_ json: TweetJSON) throws {
        let mine = try written(json)
        #expect(mine == (try expected(json)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(mine.utf8)) as? [String: Any])
        #expect(object.count == 11 && (object["user"] as? [String: Any])?.count == 4, "every member is there: \(mine)")
        let nested = object["retweet_of"] as? [String: Any]
        #expect(json.retweetOf == nil ? object["retweet_of"] is NSNull : nested?.count == 11 && nested?["retweet_of"] is NSNull)
    }

    @Test(arguments: tweets) func aFeedItemIsTheTweetAndItsTime(_ json: TweetJSON) throws {
        let mine = try written(NewsfeedItemJSON(tweet: json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(mine.utf8)) as? [String: Any])
        #expect(object["created_at"] as? String == Timestamp.format(json.createdAt))
        #expect(object.count == 2 && object["tweet"] is [String: Any])
        #expect(try canonical(JSONSerialization.data(withJSONObject: object["tweet"]!)) == (try expected(json)))
    }

    /// The encoded members are reused only for the same version of the tweet and its author.
    @Test func aChangedTweetOrAuthorIsEncodedAgain() throws {
        let first = TweetJSON(Self.tweet, author: Self.author)
        #expect(TweetJSON(Self.tweet, author: Self.author).fragment === first.fragment, "the same version is encoded once")
        var liked = Self.tweet
        liked.likesCount += 1
        var renamed = Self.author
        renamed.nickname = "Bob"
        for json in [TweetJSON(liked, author: Self.author), TweetJSON(Self.tweet, author: renamed)] {
            #expect(json.fragment !== first.fragment)
            #expect(try written(json) == (try expected(json)))
        }
        #expect(try written(TweetJSON(liked, author: renamed)).contains("\"likes_count\":4"))
    }

    /// The author is compared in what the JSON shows of it, and only in that.
    @Test func theAuthorCountsInTheMembersItShows() {
        let fragments = TweetFragments(maximumBytes: 1 << 20)
        let first = fragments.fragment(Self.tweet, author: Self.author)
        var hidden = Self.author
        hidden.email = "elsewhere@example.com"
        hidden.passwordHash = "another hash"
        #expect(fragments.fragment(Self.tweet, author: hidden) === first, "the email and password hash are not shown")
        var pictured = Self.author
        pictured.avatarKey = "avatars/other.png"
        var renamed = Self.author
        renamed.username = "bob_2"
        var nicknamed = Self.author
        nicknamed.nickname = nil
        for author in [pictured, renamed, nicknamed] {
            #expect(fragments.fragment(Self.tweet, author: author) !== first)
            #expect(fragments.fragment(Self.tweet, author: Self.author) !== first, "and back: a new one again")
        }
    }

    /// However many tweets are rendered, the fragments stay within their budget.
    @Test func theFragmentsStayWithinTheirBudget() {
        let fragments = TweetFragments(maximumBytes: 100_000)
        for id in Int64(1)...5_000 {
            var tweet = Self.tweet
            tweet.id = id
            _ = fragments.fragment(tweet, author: Self.author)
            #expect(fragments.bytes <= 100_000 + 2_000)
        }
        #expect(fragments.bytes > 40_000, "it keeps what fits")
    }

    /// Tweets rendered in turn that fit the budget stay encoded, however much of it they take:
    /// the third round re-encodes none of them. (Some 70% of the budget: more than half of it, and
    /// with room for the shards' uneven shares.)
    @Test func aSetThatFitsTheBudgetIsEncodedOnce() {
        let fragments = TweetFragments(maximumBytes: 1 << 20)
        _ = fragments.fragment(Self.tweet, author: Self.author)
        let each = fragments.bytes
        let count = Int64((1 << 20) * 7 / 10 / each)
        func round() -> [TweetFragment] {
            (1...count).map { id in
                var tweet = Self.tweet
                tweet.id = id + 100
                return fragments.fragment(tweet, author: Self.author)
            }
        }
        _ = round()
        let second = round()
        let third = round()
        #expect(zip(second, third).allSatisfy { $0 === $1 }, "a fragment was encoded again")
    }

    /// Tweets read in turn that are three times what the budget holds: a plain LRU would evict
    /// each just before the turn comes back to it and never hit; admitting only some new ones
    /// once full keeps a good part in place.
    @Test func aTurnLargerThanTheBudgetStillHits() {
        let fragments = TweetFragments(maximumBytes: 1 << 20)
        _ = fragments.fragment(Self.tweet, author: Self.author)
        let count = Int64((1 << 20) * 3 / fragments.bytes)
        func round() -> [TweetFragment] {
            (1...count).map { id in
                var tweet = Self.tweet
                tweet.id = id + 100
                return fragments.fragment(tweet, author: Self.author)
            }
        }
        for _ in 0..<3 { _ = round() }
        let before = round()
        let after = round()
        let hits = zip(before, after).filter { $0 === $1 }.count
        #expect(hits * 10 > Int(count), "\(hits) of \(count) found again")
        #expect(fragments.bytes <= (1 << 20) + 2_000)
    }

    /// A budget lowered while running (the server sets its share of `--memory-cache-mb`) holds from then on.
    @Test func aLoweredBudgetHoldsFromThenOn() {
        let fragments = TweetFragments(maximumBytes: 1 << 20)
        for id in Int64(1)...2_000 {
            var tweet = Self.tweet
            tweet.id = id
            _ = fragments.fragment(tweet, author: Self.author)
        }
        #expect(fragments.bytes > 200_000)
        fragments.limit(toBytes: 50_000)
        #expect(fragments.maximumBytes == 50_000)
        for id in Int64(2_001)...2_300 {
            var tweet = Self.tweet
            tweet.id = id
            _ = fragments.fragment(tweet, author: Self.author)
        }
        #expect(fragments.bytes <= 50_000 + 2_000)
    }
}
