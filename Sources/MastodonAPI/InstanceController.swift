import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/v1/instance` and `/api/v2/instance`, public. The version is a Mastodon version the
/// clients parse (three numeric parts before any space): Mastodon.py takes everything before the
/// first space, and picks its API paths by it.
struct InstanceController: Sendable {
    /// The Mastodon API version Starling answers as.
    static let version = "4.2.0 (compatible; Starling 1.0)"

    let users: any UserRepository

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.get("api/v1/instance", use: v1)
        router.get("api/v2/instance", use: v2)
    }

    @Sendable func v1(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let base = BaseURL(request)
        let userCount = try await users.list(offset: 0, limit: 1).total
        return try MastodonResponse.json(InstanceV1(
            uri: base.authority, title: "Starling", shortDescription: "A news-feed server.", description: "A news-feed server.",
            email: "", version: Self.version, urls: ["streaming_api": "ws://\(base.authority)"],
            stats: ["user_count": userCount, "status_count": 0, "domain_count": 1], thumbnail: nil, languages: ["en"],
            registrations: true, approvalRequired: false, invitesEnabled: false, configuration: .starling, contactAccount: nil,
            rules: []))
    }

    @Sendable func v2(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let base = BaseURL(request)
        let userCount = try await users.list(offset: 0, limit: 1).total
        return try MastodonResponse.json(InstanceV2(
            domain: base.authority, title: "Starling", version: Self.version, sourceURL: "https://github.com/starling",
            description: "A news-feed server.", usage: .init(users: .init(activeMonth: userCount)),
            thumbnail: .init(url: base.url("/favicon.ico")), languages: ["en"],
            configuration: .init(urls: ["streaming": "ws://\(base.authority)"], statuses: .starling,
                                 mediaAttachments: .starling, polls: .starling, accounts: ["max_featured_tags": 0],
                                 translation: ["enabled": false]),
            registrations: .init(enabled: true, approvalRequired: false, message: nil),
            contact: .init(email: "", account: nil), rules: []))
    }
}

/// `configuration` of the v1 instance.
struct InstanceConfiguration: Encodable, Sendable {
    var statuses: StatusLimits
    var mediaAttachments: MediaLimits
    var polls: PollLimits

    static let starling = InstanceConfiguration(statuses: .starling, mediaAttachments: .starling, polls: .starling)

    enum CodingKeys: String, CodingKey {
        case statuses, polls
        case mediaAttachments = "media_attachments"
    }
}

struct StatusLimits: Encodable, Sendable {
    var maxCharacters = PostTweet.maximumLength
    var maxMediaAttachments = PostTweet.maximumPhotos
    var charactersReservedPerURL = 23

    static let starling = StatusLimits()

    enum CodingKeys: String, CodingKey {
        case maxCharacters = "max_characters"
        case maxMediaAttachments = "max_media_attachments"
        case charactersReservedPerURL = "characters_reserved_per_url"
    }
}

struct MediaLimits: Encodable, Sendable {
    var supportedMimeTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"]
    var imageSizeLimit = 10 << 20
    var imageMatrixLimit = 16_777_216
    var videoSizeLimit = 0
    var videoFrameRateLimit = 0
    var videoMatrixLimit = 0

    static let starling = MediaLimits()

    enum CodingKeys: String, CodingKey {
        case supportedMimeTypes = "supported_mime_types"
        case imageSizeLimit = "image_size_limit"
        case imageMatrixLimit = "image_matrix_limit"
        case videoSizeLimit = "video_size_limit"
        case videoFrameRateLimit = "video_frame_rate_limit"
        case videoMatrixLimit = "video_matrix_limit"
    }
}

struct PollLimits: Encodable, Sendable {
    var maxOptions = 0
    var maxCharactersPerOption = 0
    var minExpiration = 0
    var maxExpiration = 0

    static let starling = PollLimits()

    enum CodingKeys: String, CodingKey {
        case maxOptions = "max_options"
        case maxCharactersPerOption = "max_characters_per_option"
        case minExpiration = "min_expiration"
        case maxExpiration = "max_expiration"
    }
}
