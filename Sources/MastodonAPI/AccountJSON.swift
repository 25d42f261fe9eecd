import Accounts
import Media
import StarlingCore

/// Mastodon's Account entity for a Starling user.
struct AccountJSON: Encodable, Sendable {
    var id: String
    var username: String
    var acct: String
    var displayName: String
    var locked = false
    var bot = false
    var group = false
    var discoverable = true
    var createdAt: String
    var note = ""
    var url: String
    var uri: String
    var avatar: String
    var avatarStatic: String
    var header: String
    var headerStatic: String
    var followersCount: Int
    var followingCount: Int
    var statusesCount: Int
    var lastStatusAt: String? = nil
    var emojis: [String] = []
    var fields: [String] = []
    /// verify_credentials only.
    var source: Source?

    struct Source: Encodable, Sendable {
        var privacy = "public"
        var sensitive = false
        var language = ""
        var note = ""
        var fields: [String] = []
        var followRequestsCount = 0

        enum CodingKeys: String, CodingKey {
            case privacy, sensitive, language, note, fields
            case followRequestsCount = "follow_requests_count"
        }
    }

    init(_ user: User, counts: [String: Int] = [:], base: BaseURL, withSource: Bool = false) {
        id = String(user.id)
        username = user.username
        acct = user.username
        displayName = user.nickname ?? user.username
        createdAt = Timestamp.format(user.createdAt)
        url = base.url("/@\(user.username)")
        uri = base.url("/users/\(user.username)")
        let picture = user.avatarKey.map { base.url(MediaKey.url($0)) } ?? base.url("/avatars/original/missing.png")
        avatar = picture
        avatarStatic = picture
        header = base.url("/headers/original/missing.png")
        headerStatic = header
        followersCount = counts["followers_count"] ?? 0
        followingCount = counts["followings_count"] ?? counts["following_count"] ?? 0
        statusesCount = counts["statuses_count"] ?? 0
        source = withSource ? Source() : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, username, acct, locked, bot, group, discoverable, note, url, uri, avatar, header, emojis, fields, source
        case displayName = "display_name"
        case createdAt = "created_at"
        case avatarStatic = "avatar_static"
        case headerStatic = "header_static"
        case followersCount = "followers_count"
        case followingCount = "following_count"
        case statusesCount = "statuses_count"
        case lastStatusAt = "last_status_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(acct, forKey: .acct)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(locked, forKey: .locked)
        try container.encode(bot, forKey: .bot)
        try container.encode(group, forKey: .group)
        try container.encode(discoverable, forKey: .discoverable)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(note, forKey: .note)
        try container.encode(url, forKey: .url)
        try container.encode(uri, forKey: .uri)
        try container.encode(avatar, forKey: .avatar)
        try container.encode(avatarStatic, forKey: .avatarStatic)
        try container.encode(header, forKey: .header)
        try container.encode(headerStatic, forKey: .headerStatic)
        try container.encode(followersCount, forKey: .followersCount)
        try container.encode(followingCount, forKey: .followingCount)
        try container.encode(statusesCount, forKey: .statusesCount)
        try container.encode(lastStatusAt, forKey: .lastStatusAt)
        try container.encode(emojis, forKey: .emojis)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(source, forKey: .source)
    }
}
