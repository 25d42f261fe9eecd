import StarlingHTTP

/// A part of the tweet detail answer that another domain contributes (`"comments"` by Comments,
/// `"likes"` by Likes), so Tweets shows them without depending on those domains.
public protocol TweetDetailSection: Sendable {
    /// The key of the section in the detail object.
    var name: String { get }
    /// The section's JSON for one tweet, as `viewer` sees it.
    func render(tweetID: Int64, viewer: Viewer?) async throws -> AnyEncodable
}

/// A tweet with its sections, as the detail endpoint shows it.
struct TweetDetailJSON: Encodable, Sendable {
    let tweet: TweetJSON
    let sections: [(name: String, value: AnyEncodable)]

    func encode(to encoder: any Encoder) throws {
        try tweet.encode(to: encoder)
        var container = encoder.container(keyedBy: DynamicKey.self)
        for section in sections {
            try container.encode(section.value, forKey: DynamicKey(section.name))
        }
    }
}
