import Accounts
import App
import MastodonClients
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// The behaviour every implementation of the Mastodon stores must have: memory, SQLite and
/// PostgreSQL (when a server is configured).
@Suite(.testDatabases) struct MastodonStoresContractTests {
    static let scopes = Scopes(["read", "write"])

    @Test(arguments: Backend.allCases) func applicationsTokensAndCodes(_ backend: Backend) async throws {
        let oauth = try await backend.repositories().mastodon.oauth
        let app = ClientApplication(id: 11, name: "toot", website: nil, redirectURIs: [ClientApplication.outOfBand, "https://a.example/cb"],
                                    scopes: Scopes(["read", "write", "follow", "push"]), clientID: "cid", clientSecretHash: "shash")
        try await oauth.create(app)
        #expect(try await oauth.application(clientID: "cid") == app)
        #expect(try await oauth.application(clientID: "other") == nil)
        let token = AccessToken(tokenHash: "t1", applicationID: 11, userID: 5, scopes: Self.scopes, createdAt: 1_000)
        let appToken = AccessToken(tokenHash: "t2", applicationID: 11, userID: nil, scopes: Scopes(["read"]), createdAt: 2_000)
        try await oauth.create(token)
        try await oauth.create(appToken)
        #expect(try await oauth.token(hash: "t1") == token)
        #expect(try await oauth.token(hash: "t2") == appToken, "an application token has no user")
        #expect(try await !oauth.revokeToken(hash: "t1", applicationID: 12), "only the issuing application revokes")
        #expect(try await oauth.revokeToken(hash: "t1", applicationID: 11))
        #expect(try await oauth.token(hash: "t1") == nil)
        let code = AuthorizationCode(codeHash: "c1", applicationID: 11, userID: 5, redirectURI: ClientApplication.outOfBand,
                                     scopes: Self.scopes, expiresAt: 5_000)
        try await oauth.create(code)
        #expect(try await oauth.consumeCode(hash: "c1", now: 4_999) == code)
        #expect(try await oauth.consumeCode(hash: "c1", now: 4_999) == nil, "a code is used once")
        try await oauth.create(AuthorizationCode(codeHash: "c2", applicationID: 11, userID: 5, redirectURI: "x", scopes: Self.scopes,
                                                 expiresAt: 5_000))
        #expect(try await oauth.consumeCode(hash: "c2", now: 5_000) == nil, "an expired code is refused")
    }

    @Test(arguments: Backend.allCases) func idempotencyKeysKeepTheirFirstStatus(_ backend: Backend) async throws {
        let keys = try await backend.repositories().mastodon.idempotencyKeys
        #expect(try await keys.statusID(userID: 1, key: "k") == nil)
        #expect(try await keys.record(userID: 1, key: "k", statusID: 100, createdAt: 1) == 100)
        #expect(try await keys.record(userID: 1, key: "k", statusID: 200, createdAt: 2) == 100)
        #expect(try await keys.record(userID: 2, key: "k", statusID: 300, createdAt: 3) == 300, "keys are per user")
        #expect(try await keys.statusID(userID: 1, key: "k") == 100)
    }

    @Test(arguments: Backend.allCases) func dismissalsAndClears(_ backend: Backend) async throws {
        let dismissals = try await backend.repositories().mastodon.dismissals
        #expect(try await dismissals.dismissals(userID: 1) == NotificationDismissals())
        try await dismissals.dismiss(userID: 1, notificationID: 10)
        try await dismissals.dismiss(userID: 1, notificationID: 10)
        try await dismissals.dismiss(userID: 1, notificationID: 30)
        #expect(try await dismissals.dismissals(userID: 1) == NotificationDismissals(clearedThrough: 0, dismissed: [10, 30]))
        try await dismissals.clear(userID: 1, through: 20)
        try await dismissals.clear(userID: 1, through: 15)
        let state = try await dismissals.dismissals(userID: 1)
        #expect(state == NotificationDismissals(clearedThrough: 20, dismissed: [30]), "a clear never moves back")
        #expect(state.hides(20) && state.hides(30) && !state.hides(25))
        #expect(try await dismissals.dismissals(userID: 2) == NotificationDismissals())
    }

    @Test(arguments: Backend.allCases) func emailsAndThePublicTimeline(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        try await repositories.users.create(User(id: 1, username: "alice_c", email: "alice@example.com", passwordHash: "x", createdAt: 1))
        try await repositories.users.create(User(id: 2, username: "bobby_c", email: "bob@example.com", passwordHash: "x", createdAt: 2))
        #expect(try await repositories.mastodon.emails.userID(email: "bob@example.com") == 2)
        #expect(try await repositories.mastodon.emails.userID(email: "nobody@example.com") == nil)
        for (id, user) in [(100, 1), (200, 2), (300, 1)] as [(Int64, Int64)] {
            try await repositories.tweets.create(Tweet(id: id, userID: user, content: "t\(id)"),
                                                 fanOut: Job(id: id + 1, FanOutTweetJob(tweetID: id)))
        }
        let timeline = repositories.mastodon.publicTimeline
        #expect(try await timeline.tweetIDs(page: PageRequest(limit: 2)) == Page(items: [300, 200], hasNextPage: true))
        #expect(try await timeline.tweetIDs(page: PageRequest(olderThan: 200, limit: 2)) == Page(items: [100], hasNextPage: false))
    }
}
