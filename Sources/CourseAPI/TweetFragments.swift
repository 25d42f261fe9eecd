import Accounts
import StarlingCore
import Synchronization
import Tweets

/// This process's encoded tweets, by id. A fragment is used only while the tweet it was made from
/// equals the one being rendered, and its author does in every member the JSON shows (the email
/// and password hash are not compared) — a changed count, content, nickname or avatar
/// makes a new one — so it needs no invalidation and can never show an old version: the object
/// cache (invalidated on every change) stays the source of truth.
///
/// Bounded by bytes, least recently used first out (`ByteBoundedLRU`), in eight shards by id,
/// each with its own lock and an eighth of the budget: with requests on both event loops, one lock
/// for all was contended (3% of a tweet-list run's CPU in `_lockSlow`). It was two generations (the
/// current one turned previous at half the budget, a fragment found in the previous moved back):
/// tweets rendered in turn that took more than half the budget kept turning the generations over,
/// re-encoding and freeing fragments by the thousand. The process's budget is a share of
/// `--memory-cache-mb` (`MemoryCacheBudget.encodedBytes`), set when the server is built.
///
/// Once a shard is full, only one new fragment in `admitEvery` goes in. Tweets read in turn that
/// are many more than the budget holds (the 2,000-user tweet list: 40,000 tweets, room for some
/// 9,500) would otherwise each push out the least recently used, which the turn reaches next: an
/// LRU then never hits, and evicting cost 13% of the list's CPU. Admitting a few keeps most of the
/// shard in place for the next turn: in a simulation of such turns (40,000 ids in turn through
/// room for 9,500), one in 8 found 13% of the ids again, where a plain LRU found none; in 4, none
/// at that size. A tweet read often (a newsfeed's newest) gets in after a few misses.
public final class TweetFragments: Sendable {
    /// The process's fragments: 8 MB until the server sets its share, some 20,000 tweets.
    public static let shared = TweetFragments(maximumBytes: MemoryCacheBudget().encodedBytes)

    private final class Shard: Sendable {
        let lru: Mutex<ByteBoundedLRU<Int64, TweetFragment>>

        init(budget: Int) {
            lru = Mutex(ByteBoundedLRU(budget: budget))
        }
    }

    private static let shardCount = 8
    /// Once full, a shard takes one new fragment in this many.
    static let admitEvery = 8
    private let shards: [Shard]

    init(maximumBytes: Int) {
        let each = max(maximumBytes, 0) / Self.shardCount
        shards = (0..<Self.shardCount).map { _ in Shard(budget: each) }
    }

    /// The bytes the fragments may take.
    public var maximumBytes: Int { shards.reduce(0) { total, shard in total + shard.lru.withLock { $0.budget } } }

    /// Sets the bytes the fragments may take, dropping the fragments held (the server sets it once,
    /// before it serves).
    public func limit(toBytes bytes: Int) {
        let each = max(bytes, 0) / Self.shardCount
        for shard in shards { shard.lru.withLock { $0 = ByteBoundedLRU(budget: each) } }
    }

    /// The fragment of this version of `tweet` by `author`, encoded now if this process has not yet.
    func fragment(_ tweet: Tweet, author: User) -> TweetFragment {
        let shard = shards[Int((UInt64(bitPattern: tweet.id) &* 0x9E37_79B9_7F4A_7C15) >> 61)]
        if let found = shard.lru.withLock({ $0.value(forKey: tweet.id) }), found.tweet == tweet, found.rendersAuthor(author) {
            return found
        }
        let made = TweetFragment(tweet, author: author)
        shard.lru.withLock { _ = $0.admit(made.tweet.id, made, bytes: made.cost, oneIn: Self.admitEvery) }
        return made
    }

    /// The bytes held now.
    public var bytes: Int { shards.reduce(0) { total, shard in total + shard.lru.withLock { $0.bytes } } }
}
