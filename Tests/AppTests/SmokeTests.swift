import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StarlingTesting
import HTTPTypes
import Testing

/// The real server on a free loopback port, driven over HTTP, on each store `starling serve` can
/// open: it migrates at start-up and runs the store's services in its service group.
@Suite(.testDatabases) struct SmokeTests {
    @Test(arguments: Backend.durableCases)
    func signUpFollowPostAndReadTheNewsfeedOverHTTP(_ backend: Backend) async throws {
        var configuration = try await backend.configuration()
        configuration.port = 0
        var logger = Logger(label: "smoke")
        logger.logLevel = .warning
        let app = try await buildApplication(configuration, logger: logger)
        try await app.test(.live) { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil) async throws -> [String: Any] {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { .init(string: $0) }) { response in
                    try #require(response.status.code < 300, "\(method) \(uri): \(response.status) \(String(buffer: response.body))")
                    return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                }
            }
            #expect(try await call(.get, "/healthz")["status"] as? String == "ok")
            let alice = try await call(.post, "/api/accounts/signup/", json: #"{"username":"alice_01","email":"a@example.com","password":"secret1"}"#)
            let bob = try await call(.post, "/api/accounts/signup/", json: #"{"username":"bob_0001","email":"b@example.com","password":"secret1"}"#)
            let aliceID = try #require((alice["user"] as? [String: Any])?["id"] as? NSNumber)
            let bobToken = try #require(bob["token"] as? String)
            _ = try await call(.post, "/api/friendships/\(aliceID)/follow/", token: bobToken)
            let tweet = try await call(.post, "/api/tweets/", token: alice["token"] as? String, json: #"{"content":"hello over HTTP"}"#)
            var feed: [[String: Any]] = []
            // Fanout is asynchronous; poll below the newsfeed's rate limit (5/s), for up to 10 s.
            for _ in 0..<40 {
                feed = try #require(try await call(.get, "/api/newsfeeds/", token: bobToken)["results"] as? [[String: Any]])
                if !feed.isEmpty { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect((feed.first?["tweet"] as? [String: Any])?["id"] as? NSNumber == tweet["id"] as? NSNumber)
        }
    }
}
