/// Mastodon's Relationship entity: how the viewer and another account stand.
struct RelationshipJSON: Encodable, Sendable {
    var id: String
    var following: Bool
    var followedBy: Bool

    enum CodingKeys: String, CodingKey {
        case id, following, notifying, languages, blocking, muting, requested, endorsed, note
        case followedBy = "followed_by"
        case showingReblogs = "showing_reblogs"
        case blockedBy = "blocked_by"
        case mutingNotifications = "muting_notifications"
        case requestedBy = "requested_by"
        case domainBlocking = "domain_blocking"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(following, forKey: .following)
        try container.encode(following, forKey: .showingReblogs)
        try container.encode(false, forKey: .notifying)
        try container.encodeNil(forKey: .languages)
        try container.encode(followedBy, forKey: .followedBy)
        for key in [CodingKeys.blocking, .blockedBy, .muting, .mutingNotifications, .requested, .requestedBy, .domainBlocking, .endorsed] {
            try container.encode(false, forKey: key)
        }
        try container.encode("", forKey: .note)
    }
}
