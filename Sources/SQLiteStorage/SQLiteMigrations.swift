import SQLiteDriver
import StarlingCore

/// The schema's history. Numbered alike for every SQL dialect; append, never edit.
enum SQLiteMigrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "create_accounts_tweets_friendships_newsfeeds_outbox", statements: [
            """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                is_staff INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL
            )
            """,
            "CREATE TABLE profiles (user_id INTEGER PRIMARY KEY, nickname TEXT, avatar_key TEXT)",
            "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, expires_at INTEGER NOT NULL)",
            "CREATE INDEX sessions_user ON sessions (user_id)",
            // A tweet's id is its creation time in microseconds: ordering by id is ordering by time.
            """
            CREATE TABLE tweets (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                content TEXT NOT NULL,
                likes_count INTEGER NOT NULL DEFAULT 0,
                comments_count INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX tweets_user ON tweets (user_id, id DESC)",
            // Keyed like a wide-column row: (follower, followee) unique; followers and followings
            // are range scans by one user and time.
            """
            CREATE TABLE friendships (
                from_user_id INTEGER NOT NULL,
                to_user_id INTEGER NOT NULL,
                id INTEGER NOT NULL,
                PRIMARY KEY (from_user_id, to_user_id)
            ) WITHOUT ROWID
            """,
            "CREATE UNIQUE INDEX friendships_to_from ON friendships (to_user_id, from_user_id)",
            "CREATE INDEX friendships_to_time ON friendships (to_user_id, id DESC)",
            "CREATE INDEX friendships_from_time ON friendships (from_user_id, id DESC)",
            newsfeedsTable,
            newsfeedsTweetIndex,
            "CREATE TABLE outbox (id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload TEXT NOT NULL)",
        ]),
        Migration(version: 2, name: "create_tweet_photos_comments_likes_notifications", statements: [
            """
            CREATE TABLE tweet_photos (
                tweet_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                blob_key TEXT NOT NULL,
                PRIMARY KEY (tweet_id, position)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE comments (
                id INTEGER PRIMARY KEY,
                tweet_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                content TEXT NOT NULL,
                likes_count INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX comments_tweet ON comments (tweet_id, id)",
            // One row per (target, user): liking twice is one like.
            """
            CREATE TABLE likes (
                target_type TEXT NOT NULL,
                target_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (target_type, target_id, user_id)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX likes_user ON likes (user_id, target_type, target_id)",
            "CREATE INDEX likes_target_time ON likes (target_type, target_id, created_at DESC)",
            """
            CREATE TABLE notifications (
                id INTEGER PRIMARY KEY,
                recipient_id INTEGER NOT NULL,
                actor_id INTEGER NOT NULL,
                verb TEXT NOT NULL,
                action_object_type TEXT,
                action_object_id INTEGER,
                target_type TEXT,
                target_id INTEGER,
                unread INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX notifications_recipient ON notifications (recipient_id, unread, id DESC)",
        ]),
        // Outbox rows are claimed with a lease and keep their attempts, next attempt and last error,
        // so retries survive restarts and several processes share one outbox; node slots give each
        // process its own residue of the ids.
        Migration(version: 3, name: "add_outbox_leases_and_node_slots", statements: [
            "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN lease_holder TEXT",
            "ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'",
            "ALTER TABLE outbox ADD COLUMN last_error TEXT",
            "CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id)",
            "CREATE TABLE node_slots (slot INTEGER PRIMARY KEY, holder TEXT, lease_until INTEGER NOT NULL DEFAULT 0)",
            "INSERT INTO node_slots (slot) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)",
        ]),
        // Push, pull and hybrid feeds: when each user was last active (0: never recorded, count from
        // sign-up) and since when their pushed feed misses what fanout skipped while they were away
        // (0: it is current); celebrities, whose tweets are pulled instead of fanned out.
        Migration(version: 4, name: "add_user_activity_and_celebrities", statements: [
            "ALTER TABLE users ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN feed_stale_since INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE celebrities (user_id INTEGER PRIMARY KEY, since INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0)",
        ]),
        // Retweets (Mastodon's reblogs) are tweets of the retweeting user naming their original, in the
        // same id space; each user retweets a tweet at most once. The original counts them.
        Migration(version: 5, name: "add_retweets", statements: [
            "ALTER TABLE tweets ADD COLUMN retweet_of INTEGER",
            "ALTER TABLE tweets ADD COLUMN retweets_count INTEGER NOT NULL DEFAULT 0",
            "CREATE UNIQUE INDEX tweets_retweet_of_user ON tweets (retweet_of, user_id) WHERE retweet_of IS NOT NULL",
        ]),
        // What Mastodon clients need beside the course's tables: registered applications, OAuth tokens and codes (stored by hash), idempotency
        // keys of posts, and notifications dismissed through the Mastodon face.
        Migration(version: 6, name: "create_oauth_and_mastodon_client_state", statements: [
            """
            CREATE TABLE oauth_applications (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                website TEXT,
                redirect_uris TEXT NOT NULL,
                scopes TEXT NOT NULL,
                client_id TEXT NOT NULL UNIQUE,
                client_secret_hash TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE oauth_access_tokens (
                token_hash TEXT PRIMARY KEY,
                application_id INTEGER NOT NULL,
                user_id INTEGER,
                scopes TEXT NOT NULL,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE oauth_authorization_codes (
                code_hash TEXT PRIMARY KEY,
                application_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                redirect_uri TEXT NOT NULL,
                scopes TEXT NOT NULL,
                expires_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE mastodon_idempotency_keys (
                user_id INTEGER NOT NULL,
                idempotency_key TEXT NOT NULL,
                status_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, idempotency_key)
            )
            """,
            "CREATE TABLE mastodon_notification_clears (user_id INTEGER PRIMARY KEY, cleared_through INTEGER NOT NULL)",
            """
            CREATE TABLE mastodon_notification_dismissals (
                user_id INTEGER NOT NULL,
                notification_id INTEGER NOT NULL,
                PRIMARY KEY (user_id, notification_id)
            )
            """,
        ]),
    ]

    /// Finds a tweet's feed rows on deletion; set aside during a bulk load, which is faster
    /// without it, and rebuilt after.
    static let newsfeedsTweetIndex = "CREATE INDEX IF NOT EXISTS newsfeeds_tweet ON newsfeeds (tweet_id)"

    /// Feed rows, in the main file (an author's own) and in the feeds file (pushed). Row key =
    /// owner, then the tweet id, which is the tweet's time: range scans only.
    static let newsfeedsTable = """
        CREATE TABLE IF NOT EXISTS newsfeeds (
            owner_id INTEGER NOT NULL,
            tweet_id INTEGER NOT NULL,
            author_id INTEGER NOT NULL,
            PRIMARY KEY (owner_id, tweet_id)
        ) WITHOUT ROWID
        """

    /// The feeds file's schema (`SQLiteStore.feedsPath(for:)`), made when the store opens: the
    /// main file's `newsfeeds` again, for the rows fanout pushes. Both files are read as one.
    static let feedsSchema = [newsfeedsTable, newsfeedsTweetIndex]
}
