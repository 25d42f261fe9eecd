import App
import Foundation
import HTTPTypes
import NIOCore
import StarlingTesting
import Testing

/// A cookie-authenticated change must come from this origin — scheme, host and port — whichever
/// header says where it comes from. The test server's host is `localhost` (no port).
@Suite struct CSRFOriginTests {
    @Test func anOriginOrRefererOnAnotherPortOrSiteIsRefusedAndTheSameOneAccepted() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            func post(_ field: HTTPField.Name, _ value: String) async throws -> HTTPResponse.Status {
                var headers: HTTPFields = [.cookie: "sessionid=\(alice.token)"]
                headers[field] = value
                return try await api.call(.post, "/api/tweets/", json: ["content": "from \(value)"], headers: headers).status
            }
            #expect(try await post(.origin, "http://localhost:8080") == .forbidden, "another port is another origin")
            #expect(try await post(.referer, "http://localhost:8080/page") == .forbidden)
            #expect(try await post(.referer, "https://evil.example/localhost") == .forbidden)
            #expect(try await post(.origin, "http://localhost") == .created)
            #expect(try await post(.referer, "http://localhost/somewhere") == .created, "a Referer alone is evidence enough")
        }
    }
}
