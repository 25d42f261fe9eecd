import Accounts
import Comments
import Media
import StarlingCore
import Tweets

/// Renders Starling's posts as Mastodon statuses for a viewer, in a constant number of store
/// round trips per page: tweets through `HydrateTweets`, comments (replies) through
/// `HydrateComments`, plus one read of the tweets replied to.
struct StatusRenderer: Sendable {
    let tweets: any TweetRepository
    let comments: any CommentRepository
    let hydrateTweets: HydrateTweets
    let hydrateComments: HydrateComments

    /// What a status id names: tweets and comments draw their ids from one generator, so an id
    /// names at most one of them.
    enum Post: Sendable {
        case tweet(Tweet)
        case comment(Comment)

        var authorID: Int64 {
            switch self {
            case .tweet(let tweet): tweet.userID
            case .comment(let comment): comment.userID
            }
        }
    }

    /// The tweet or comment with this id.
    func post(id: Int64) async throws -> Post? {
        if let tweet = try await tweets.tweet(id: id) { return .tweet(tweet) }
        if let comment = try await comments.comment(id: id) { return .comment(comment) }
        return nil
    }

    /// The post with this id as a status, or 404.
    func status(id: Int64, viewerID: Int64?, base: BaseURL) async throws -> (StatusJSON, Post) {
        guard let post = try await post(id: id), let status = try await render(post, viewerID: viewerID, base: base).first else {
            throw StarlingError.notFound
        }
        return (status, post)
    }

    func render(_ post: Post, viewerID: Int64?, base: BaseURL, includeText: Bool = false) async throws -> [StatusJSON] {
        switch post {
        case .tweet(let tweet): try await render(tweets: [tweet], viewerID: viewerID, base: base, includeText: includeText)
        case .comment(let comment): try await render(comments: [comment], viewerID: viewerID, base: base, includeText: includeText)
        }
    }

    /// Tweets as statuses, in order; a tweet whose author is gone is left out.
    func render(tweets page: [Tweet], viewerID: Int64?, base: BaseURL, includeText: Bool = false) async throws -> [StatusJSON] {
        try await hydrateTweets(page, viewerID: viewerID).map { view in
            Self.status(view, base: base, includeText: includeText)
        }
    }

    /// Comments as replies to their tweets, in order.
    func render(comments list: [Comment], viewerID: Int64?, base: BaseURL, includeText: Bool = false) async throws -> [StatusJSON] {
        guard !list.isEmpty else { return [] }
        async let views = hydrateComments(list, viewerID: viewerID)
        async let parents = tweets.tweets(ids: Array(Set(list.map(\.tweetID))))
        let (found, tweetsRepliedTo) = try await (views, parents)
        return found.map { view in
            let comment = view.comment
            return StatusJSON(id: comment.id, createdAt: comment.createdAt, inReplyToID: comment.tweetID,
                              inReplyToAccountID: tweetsRepliedTo[comment.tweetID]?.userID,
                              account: AccountJSON(view.author, base: base), text: comment.content, includeText: includeText, media: [],
                              reblogsCount: 0, favouritesCount: comment.likesCount, repliesCount: 0, favourited: view.hasLiked,
                              reblogged: false, reblog: nil, base: base)
        }
    }

    /// A tweet as a status; a retweet as a reblog, whose `reblog` is the original.
    static func status(_ view: TweetView, base: BaseURL, includeText: Bool) -> StatusJSON {
        let tweet = view.tweet
        let original = view.original.map { status($0, base: base, includeText: false) }
        let media = tweet.photoKeys.enumerated().map { index, key in
            MediaAttachmentJSON(id: "\(tweet.id)\(index)", url: base.url(MediaKey.url(key)))
        }
        return StatusJSON(id: tweet.id, createdAt: tweet.createdAt, inReplyToID: nil, inReplyToAccountID: nil,
                          account: AccountJSON(view.author, base: base), text: tweet.content, includeText: includeText, media: media,
                          reblogsCount: tweet.retweetsCount, favouritesCount: tweet.likesCount, repliesCount: tweet.commentsCount,
                          favourited: view.hasLiked, reblogged: original?.reblogged ?? view.hasRetweeted, reblog: original, base: base)
    }
}
