/// Mastodon's MediaAttachment entity: an uploaded image.
struct MediaAttachmentJSON: Encodable, Sendable {
    var id: String
    var type = "image"
    var url: String
    var previewURL: String
    var remoteURL: String? = nil
    var meta: [String: String] = [:]
    var description: String?
    var blurhash: String? = nil

    init(id: String, url: String, description: String? = nil) {
        self.id = id
        self.url = url
        self.previewURL = url
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case id, type, url, meta, description, blurhash
        case previewURL = "preview_url"
        case remoteURL = "remote_url"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(url, forKey: .url)
        try container.encode(previewURL, forKey: .previewURL)
        try container.encode(remoteURL, forKey: .remoteURL)
        try container.encode(meta, forKey: .meta)
        try container.encode(description, forKey: .description)
        try container.encode(blurhash, forKey: .blurhash)
    }
}
