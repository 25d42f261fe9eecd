import StarlingCore

/// Posts a tweet: validates it, then stores it with its author's feed entry and its fanout job
/// in one transaction. Followers receive it asynchronously.
public struct PostTweet: Sendable {
    /// The most characters a tweet may have after trimming.
    public static let maximumLength = 280

    let tweets: any TweetRepository
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    /// - Parameter jobsRecorded: called after the transaction, to wake the outbox relay.
    public init(tweets: any TweetRepository, ids: IDGenerator, jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    public func callAsFunction(authorID: Int64, content: String) async throws -> Tweet {
        let content = try Self.validated(content)
        let tweet = Tweet(id: ids.next(), userID: authorID, content: content)
        try await tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        jobsRecorded()
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
