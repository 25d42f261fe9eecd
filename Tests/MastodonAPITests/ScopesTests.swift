import MastodonClients
import Testing

@Suite struct ScopesTests {
    @Test func topLevelScopesCoverTheirSubScopes() throws {
        let scopes = try #require(Scopes(parsing: "read write follow push"))
        #expect(scopes.allows("read:statuses"))
        #expect(scopes.allows("push"))
        #expect(scopes.description == "read write follow push")
    }

    @Test func readOnlyDoesNotCoverWrite() throws {
        let scopes = try #require(Scopes(parsing: "read"))
        #expect(!scopes.allows("write"))
        #expect(scopes.granting(try #require(Scopes(parsing: "read write"))) == nil)
    }

    @Test func unknownScopesAreRefused() {
        #expect(Scopes(parsing: "read admin") == nil)
    }
}
