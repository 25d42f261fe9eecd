import Accounts
import Media
import StarlingCore
import StarlingHTTP
import Tweets

/// The JSON of one version of a tweet and its author that no viewer changes, encoded once:
/// `head` opens the object and runs from `"id"` to `"likes_count"`, `middle` holds `"photo_urls"`
/// and `"retweets_count"` (with its leading comma), and `createdAt` is the quoted time a feed item
/// repeats. The viewer's `has_liked` and `has_retweeted` go between them.
final class TweetFragment: Sendable {
    let tweet: Tweet
    let author: User
    let head: [UInt8]
    let middle: [UInt8]
    let createdAt: [UInt8]
    /// Roughly what it keeps in memory: its bytes, the tweet's and author's strings, and the
    /// objects' overhead.
    let cost: Int

    init(_ tweet: Tweet, author: User) {
        self.tweet = tweet
        self.author = author
        var head = JSONWriter(capacity: 256 + tweet.content.utf8.count)
        head.beginObject()
        head.key("id")
        head.int(tweet.id)
        head.key("user")
        head.value(UserJSON(author))
        head.key("created_at")
        head.string(Timestamp.format(tweet.createdAt))
        head.key("content")
        head.string(tweet.content)
        head.key("comments_count")
        head.int(tweet.commentsCount)
        head.key("likes_count")
        head.int(tweet.likesCount)
        self.head = head.compactBytes
        var middle = JSONWriter(capacity: 128, afterMember: true)
        middle.key("photo_urls")
        middle.array(tweet.photoKeys.map(MediaKey.url))
        middle.key("retweets_count")
        middle.int(tweet.retweetsCount)
        self.middle = middle.compactBytes
        var time = JSONWriter(capacity: 32)
        time.string(Timestamp.format(tweet.createdAt))
        self.createdAt = time.compactBytes
        let strings = [tweet.content, author.username, author.email, author.passwordHash, author.nickname ?? "", author.avatarKey ?? ""]
            + tweet.photoKeys
        self.cost = self.head.count + self.middle.count + self.createdAt.count + strings.reduce(0) { $0 + $1.utf8.count } + 400
    }

    /// Whether `user` shows as this fragment's author does: the members `UserJSON` writes.
    func rendersAuthor(_ user: User) -> Bool {
        author.id == user.id && author.username == user.username && author.nickname == user.nickname && author.avatarKey == user.avatarKey
    }
}
