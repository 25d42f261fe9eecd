import StarlingCore
import StarlingHTTP

/// A part of the tweet detail answer that another domain contributes (`"comments"` by Comments,
/// `"likes"` by Likes), so Tweets shows them without depending on those domains.
public protocol TweetDetailSection: Sendable {
    /// The key of the section in the detail object.
    var name: String { get }
    /// The section's JSON for one tweet, as `viewer` sees it.
    func render(tweetID: Int64, viewer: Viewer?) async throws -> any JSONWritable
}

/// A tweet with its sections, as the detail endpoint shows it: the tweet's members, then each
/// section's.
struct TweetDetailJSON: JSONWritable {
    let tweet: TweetJSON
    let sections: [(name: String, value: any JSONWritable)]

    func writeJSON(to writer: inout JSONWriter) {
        tweet.writeFields(to: &writer)
        for section in sections {
            writer.key(runtime: section.name)
            section.value.writeJSON(to: &writer)
        }
        writer.endObject()
    }
}
