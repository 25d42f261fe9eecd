/// Counts another domain adds to a profile (followers and followings, from Friendships).
public protocol ProfileCounts: Sendable {
    /// Named counts for the user, e.g. `["followers_count": 3]`.
    func counts(userID: Int64) async throws -> [String: Int]
}
