import StarlingCore

/// Stores likes. The liked object's `likes_count` changes in the same transaction as the like
/// row, so counts and rows never drift, also under concurrent likes.
public protocol LikeRepository: LikeLookup {
    /// In one transaction: stores the like, adds one to the target's `likes_count` and records
    /// `jobs` — unless the user already likes it, in which case nothing changes and the existing
    /// like is returned.
    func like(_ like: Like, jobs: [Job]) async throws -> Like
    /// In one transaction: removes the like and takes one from the target's `likes_count`.
    /// Returns false when there was none.
    func cancel(userID: Int64, target: LikeTarget) async throws -> Bool
    /// The user's like of the target, if any.
    func find(userID: Int64, target: LikeTarget) async throws -> Like?
    /// The newest likes of a target, newest first.
    func likes(of target: LikeTarget, limit: Int) async throws -> [Like]
}

/// Recomputes the denormalized counters from the rows (`starling counters verify`).
public protocol CounterAudit: Sendable {
    /// The counters that differ from their rows; with `repair`, they are set right.
    func mismatches(repair: Bool) async throws -> [CounterMismatch]
}

/// A denormalized counter and the SQL that counts its rows: the same for every relational store.
public struct CounterCheck: Sendable {
    /// The table holding the counter (aliased `t` in `actual`).
    public let table: String
    public let column: String
    /// A scalar subquery counting the rows for the row `t`.
    public let actual: String

    /// Every counter Starling keeps.
    public static let all: [CounterCheck] = [
        CounterCheck(table: "tweets", column: "likes_count",
                     actual: "(SELECT COUNT(*) FROM likes l WHERE l.target_type = 'tweet' AND l.target_id = t.id)"),
        CounterCheck(table: "tweets", column: "comments_count", actual: "(SELECT COUNT(*) FROM comments c WHERE c.tweet_id = t.id)"),
        CounterCheck(table: "comments", column: "likes_count",
                     actual: "(SELECT COUNT(*) FROM likes l WHERE l.target_type = 'comment' AND l.target_id = t.id)"),
    ]
}

/// One counter that differs from the rows it counts.
public struct CounterMismatch: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var id: Int64
    public var column: String
    public var stored: Int
    public var actual: Int

    public init(table: String, id: Int64, column: String, stored: Int, actual: Int) {
        self.table = table
        self.id = id
        self.column = column
        self.stored = stored
        self.actual = actual
    }

    public var description: String { "\(table) \(id): \(column) is \(stored), rows say \(actual)" }
}
