import MastodonClients
import SQLiteDriver
import StarlingCore

extension MastodonRepositories {
    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> MastodonRepositories {
        MastodonRepositories(oauth: SQLiteOAuthRepository(store: store), idempotencyKeys: SQLiteIdempotencyKeyRepository(store: store),
                             dismissals: SQLiteNotificationDismissalRepository(store: store), emails: SQLiteUserEmailLookup(store: store),
                             publicTimeline: SQLitePublicTimeline(store: store))
    }
}
