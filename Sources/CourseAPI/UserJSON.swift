import Accounts
import Media
import StarlingCore
import StarlingHTTP

/// A user as embedded everywhere in the API: `{"id", "username", "nickname", "avatar_url"}`.
public struct UserJSON: Encodable, Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var nickname: String?
    public var avatarURL: String?

    public init(_ user: User) {
        self.id = user.id
        self.username = user.username
        self.nickname = user.nickname
        self.avatarURL = user.avatarKey.map(MediaKey.url)
    }

    enum CodingKeys: String, CodingKey {
        case id, username, nickname
        case avatarURL = "avatar_url"
    }

    /// Encodes `null` for absent values instead of leaving keys out: clients read a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(nickname, forKey: .nickname)
        try container.encode(avatarURL, forKey: .avatarURL)
    }
}

extension UserJSON: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        writer.key("username")
        writer.string(username)
        writer.key("nickname")
        writer.string(nickname)
        writer.key("avatar_url")
        writer.string(avatarURL)
        writer.endObject()
    }
}
