import StarlingCore
import Tweets

/// The in-memory `CommentRepository`. It deletes a deleted tweet's comments (`TweetDependents`).
public actor MemoryCommentRepository: CommentRepository, TweetDependents {
    private var byID: [Int64: Comment] = [:]
    private let outbox: MemoryOutbox
    private let tweets: MemoryTweetRepository
    /// Held weakly: it holds this repository, for its counters.
    private weak var dependent: (any CommentDependents)?

    public init(outbox: MemoryOutbox, tweets: MemoryTweetRepository) {
        self.outbox = outbox
        self.tweets = tweets
    }

    public func create(_ comment: Comment, jobs: [Job]) async {
        byID[comment.id] = comment
        await tweets.adjustCounts(tweetID: comment.tweetID, comments: 1)
        for job in jobs { await outbox.append(job) }
    }

    public func comment(id: Int64) -> Comment? {
        byID[id]
    }

    public func comments(ids: [Int64]) -> [Int64: Comment] {
        var found: [Int64: Comment] = [:]
        for id in ids { found[id] = byID[id] }
        return found
    }

    public func comments(tweetID: Int64, page: PageRequest) -> Page<Comment> {
        let candidates = byID.values.filter { $0.tweetID == tweetID && page.contains($0.id) }.sorted { $0.id < $1.id }
        return page.page(fromOldestFirst: Array(candidates.prefix(page.limit + 1)))
    }

    public func update(id: Int64, content: String) -> Comment? {
        byID[id]?.content = content
        return byID[id]
    }

    /// Makes deleting comments delete what `dependent` keeps of them (likes), as a relational
    /// store's delete does.
    public func cascadeDeletes(to dependent: any CommentDependents) {
        self.dependent = dependent
    }

    public func delete(id: Int64) async -> Bool {
        guard let comment = byID.removeValue(forKey: id) else { return false }
        await tweets.adjustCounts(tweetID: comment.tweetID, comments: -1)
        await dependent?.commentsDeleted([id])
        return true
    }

    public func tweetDeleted(_ tweetID: Int64) async {
        let ids = byID.values.filter { $0.tweetID == tweetID }.map(\.id)
        for id in ids { byID[id] = nil }
        await dependent?.commentsDeleted(ids)
    }

    /// Changes a comment's `likes_count` (the in-memory stand-in for the update inside a like's
    /// transaction).
    public func adjustLikes(commentID: Int64, by delta: Int) {
        byID[commentID]?.likesCount += delta
    }
}
