import Accounts
import Tweets

/// The storage ports of what Starling keeps for Mastodon clients, from one backend.
public struct MastodonRepositories: Sendable {
    public var oauth: any OAuthRepository
    public var idempotencyKeys: any IdempotencyKeyRepository
    public var dismissals: any NotificationDismissalRepository
    public var emails: any UserEmailLookup
    public var publicTimeline: any PublicTimeline

    public init(oauth: any OAuthRepository, idempotencyKeys: any IdempotencyKeyRepository,
                dismissals: any NotificationDismissalRepository, emails: any UserEmailLookup, publicTimeline: any PublicTimeline) {
        self.oauth = oauth
        self.idempotencyKeys = idempotencyKeys
        self.dismissals = dismissals
        self.emails = emails
        self.publicTimeline = publicTimeline
    }

    /// The in-memory implementations; e-mail addresses and public tweets are looked up in `users`
    /// and `tweets`.
    public static func memory(users: any UserRepository, tweets: any TweetRepository) -> MastodonRepositories {
        MastodonRepositories(oauth: MemoryOAuthRepository(), idempotencyKeys: MemoryIdempotencyKeyRepository(),
                             dismissals: MemoryNotificationDismissalRepository(), emails: MemoryUserEmailLookup(users: users),
                             publicTimeline: MemoryPublicTimeline(users: users, tweets: tweets))
    }
}
