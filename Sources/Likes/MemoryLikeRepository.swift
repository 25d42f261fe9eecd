import Comments
import StarlingCore
import Tweets

/// The in-memory `LikeRepository`. It deletes the likes of deleted tweets and comments
/// (`TweetDependents`, `CommentDependents`).
public actor MemoryLikeRepository: LikeRepository, TweetDependents, CommentDependents {
    private struct Key: Hashable {
        let userID: Int64
        let target: LikeTarget
    }

    private var rows: [Key: Like] = [:]
    private let outbox: MemoryOutbox
    private let tweets: MemoryTweetRepository
    private let comments: MemoryCommentRepository

    public init(outbox: MemoryOutbox, tweets: MemoryTweetRepository, comments: MemoryCommentRepository) {
        self.outbox = outbox
        self.tweets = tweets
        self.comments = comments
    }

    public func like(_ like: Like, jobs: [Job]) async -> Like {
        let key = Key(userID: like.userID, target: like.target)
        if let existing = rows[key] { return existing }
        rows[key] = like
        await adjust(like.target, by: 1)
        for job in jobs { await outbox.append(job) }
        return like
    }

    public func cancel(userID: Int64, target: LikeTarget) async -> Bool {
        guard rows.removeValue(forKey: Key(userID: userID, target: target)) != nil else { return false }
        await adjust(target, by: -1)
        return true
    }

    public func find(userID: Int64, target: LikeTarget) -> Like? {
        rows[Key(userID: userID, target: target)]
    }

    public func likes(of target: LikeTarget, limit: Int) -> [Like] {
        Array(rows.values.filter { $0.target == target }.sorted { $0.createdAt > $1.createdAt }.prefix(limit))
    }

    public func liked(by userID: Int64, type: ContentType, among ids: [Int64]) -> Set<Int64> {
        guard type != .user else { return [] }
        return Set(ids.filter { rows[Key(userID: userID, target: LikeTarget(type, $0))] != nil })
    }

    public func tweetDeleted(_ tweetID: Int64) {
        forget([LikeTarget(.tweet, tweetID)])
    }

    public func commentsDeleted(_ commentIDs: [Int64]) {
        forget(Set(commentIDs.map { LikeTarget(.comment, $0) }))
    }

    /// Drops the likes of deleted objects; their counters went with them.
    private func forget(_ targets: Set<LikeTarget>) {
        guard !targets.isEmpty else { return }
        rows = rows.filter { !targets.contains($0.key.target) }
    }

    private func adjust(_ target: LikeTarget, by delta: Int) async {
        switch target.type {
        case .tweet: await tweets.adjustCounts(tweetID: target.id, likes: delta)
        case .comment: await comments.adjustLikes(commentID: target.id, by: delta)
        case .user: break
        }
    }
}
