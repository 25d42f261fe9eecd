import Media
import StarlingCore

/// Posts a tweet: validates it, stores its photos, then stores it with its author's feed entry
/// and its fanout job in one transaction. Followers receive it asynchronously.
public struct PostTweet: Sendable {
    /// The most characters a tweet may have after trimming.
    public static let maximumLength = 280
    /// The most photos a tweet may carry.
    public static let maximumPhotos = 9

    let tweets: any TweetRepository
    let images: StoreImages
    let feedCache: any FeedCache
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    /// - Parameter jobsRecorded: called after the transaction, to wake the outbox relay.
    public init(tweets: any TweetRepository, images: StoreImages, feedCache: any FeedCache, ids: IDGenerator,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.images = images
        self.feedCache = feedCache
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    /// The largest request a post can need: every photo at its largest, and the text.
    public var maximumUploadBytes: Int { Self.maximumPhotos * images.maximumBytes + (1 << 20) }

    /// The new tweet, with its photo keys. Bad content or photos are a 400 that stores nothing.
    public func callAsFunction(authorID: Int64, content: String, photos: [ImageUpload] = []) async throws -> Tweet {
        let content = try Self.validated(content)
        let keys = try await images(photos, field: "files", folder: "photos", maximumCount: Self.maximumPhotos)
        let tweet = Tweet(id: ids.next(), userID: authorID, content: content, photoKeys: keys)
        do {
            try await tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        } catch {
            await images.discard(keys)
            throw error
        }
        jobsRecorded()
        // The author sees it at once in their cached lists too; the fanout job pushes again (a
        // push is idempotent), which covers a cache that failed here.
        let own = [CacheKeys.newsfeed(authorID), CacheKeys.timeline(authorID)]
        do { try await feedCache.push(tweet.id, to: own) } catch { try? await feedCache.invalidate(own) }
        return tweet
    }

    /// The content trimmed of surrounding white space, or a 400.
    static func validated(_ content: String) throws -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StarlingError.invalid("content", "This field may not be blank.") }
        guard trimmed.count <= maximumLength else {
            throw StarlingError.invalid("content", "Ensure this field has no more than \(maximumLength) characters.")
        }
        return trimmed
    }
}
