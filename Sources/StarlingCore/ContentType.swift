/// The kinds of object the API names in likes and notifications (`"user"`, `"tweet"`, `"comment"`).
public enum ContentType: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case tweet
    case comment
}

/// Answers `has_liked` for a whole page at once. Implemented by the likes store; used by every
/// domain that shows likeable objects.
public protocol LikeLookup: Sendable {
    /// Which of `ids` (objects of kind `type`) the user liked, in one round trip.
    func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64>
}

/// A `LikeLookup` for deployments or tests without likes: nothing is liked.
public struct NoLikes: LikeLookup {
    public init() {}

    public func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64> { [] }
}
