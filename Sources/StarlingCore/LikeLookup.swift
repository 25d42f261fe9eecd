/// Answers `has_liked` for a whole page at once. Implemented by the likes store; used by every
/// domain that shows likeable objects.
public protocol LikeLookup: Sendable {
    /// Which of `ids` (objects of kind `type`) the user liked, in one round trip.
    func liked(by userID: Int64, type: ContentType, among ids: [Int64]) async throws -> Set<Int64>
}
