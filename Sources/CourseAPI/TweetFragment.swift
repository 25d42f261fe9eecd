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
    /// The members of a user that `UserJSON` writes: all a fragment keeps of its author (not the
    /// email and password hash, which a page never shows, and which took a fifth of its memory).
    struct Author: Sendable, Equatable {
        let id: Int64
        let username: String
        let nickname: String?
        let avatarKey: String?

        init(_ user: User) {
            id = user.id
            username = user.username
            nickname = user.nickname
            avatarKey = user.avatarKey
        }
    }

    let tweet: Tweet
    let author: Author
    let head: [UInt8]
    let middle: [UInt8]
    let createdAt: [UInt8]
    /// Roughly what it keeps in memory: its bytes, the tweet's and author's strings, and the
    /// objects' overhead.
    let cost: Int

    init(_ tweet: Tweet, author: User) {
        self.tweet = tweet
        self.author = Author(author)
        let time = Timestamp.format(tweet.createdAt)
        var head = JSONWriter(capacity: 256 + tweet.content.utf8.count)
        head.beginObject()
        head.key("id")
        head.int(tweet.id)
        head.key("user")
        head.value(UserJSON(author))
        head.key("created_at")
        head.string(time)
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
        var quoted = JSONWriter(capacity: 32)
        quoted.string(time)
        self.createdAt = quoted.compactBytes
        let strings = [tweet.content, author.username, author.nickname ?? "", author.avatarKey ?? ""] + tweet.photoKeys
        self.cost = self.head.count + self.middle.count + self.createdAt.count + strings.reduce(0) { $0 + $1.utf8.count } + 400
    }

    /// Whether `user` shows as this fragment's author does: the members `UserJSON` writes.
    func rendersAuthor(_ user: User) -> Bool {
        author.id == user.id && author.username == user.username && author.nickname == user.nickname && author.avatarKey == user.avatarKey
    }
}
