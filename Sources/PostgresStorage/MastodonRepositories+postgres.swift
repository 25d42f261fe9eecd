import MastodonClients
import PostgresNIO
import StarlingCore

extension MastodonRepositories {
    /// The PostgreSQL implementations over one database; its pool must be running.
    public static func postgres(_ store: PostgresStore) -> MastodonRepositories {
        MastodonRepositories(oauth: PostgresOAuthRepository(store: store), idempotencyKeys: PostgresIdempotencyKeyRepository(store: store),
                             dismissals: PostgresNotificationDismissalRepository(store: store), emails: PostgresUserEmailLookup(store: store),
                             publicTimeline: PostgresPublicTimeline(store: store))
    }
}
