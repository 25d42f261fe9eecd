import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import StarlingCore
import StarlingTestKit
import Testing

/// Typed calls of the HTTP API for tests.
public struct API: Sendable {
    public let client: any TestClientProtocol
    public let starling: TestStarling

    /// A logged-in user: id and bearer token.
    public struct Account: Sendable {
        public let id: Int64
        public let username: String
        public let token: String

        public init(id: Int64, username: String, token: String) {
            self.id = id
            self.username = username
            self.token = token
        }
    }

    /// Sends a request; `json` is encoded as the body; `token` authenticates by bearer. The
    /// response is checked against the OpenAPI document (`OpenAPIContract`): any way it breaks it
    /// is a recorded issue, so the test fails.
    @discardableResult
    public func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: [String: any Sendable]? = nil,
                     headers: HTTPFields = [:], body: ByteBuffer? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var payload = body
        if let json {
            headers[.contentType] = "application/json"
            payload = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        let reply = try await client.execute(uri: uri, method: method, headers: headers, body: payload) { response in
            Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
        OpenAPIContract.record(method: method, uri: uri, status: reply.status, headers: reply.headers, body: reply.body,
                               sourceLocation: sourceLocation)
        return reply
    }

    /// Signs up `username` (password "password1") and returns the account.
    public func signUp(_ username: String) async throws -> Account {
        let reply = try await call(.post, "/api/accounts/signup/",
                                   json: ["username": username, "email": "\(username)@example.com", "password": "password1"])
        try #require(reply.status == .created, "signup failed: \(reply.text)")
        let object = try reply.object()
        let user = try #require(object["user"] as? [String: Any])
        return Account(id: try #require((user["id"] as? NSNumber)?.int64Value), username: username,
                       token: try #require(object["token"] as? String))
    }

    /// Posts a tweet and returns its id.
    public func post(_ content: String, as account: Account) async throws -> Int64 {
        let reply = try await call(.post, "/api/tweets/", token: account.token, json: ["content": content])
        try #require(reply.status == .created, "post failed: \(reply.text)")
        return try #require((try reply.object()["id"] as? NSNumber)?.int64Value)
    }

    /// `follower` follows `followee`.
    public func follow(_ followee: Account, by follower: Account) async throws {
        let reply = try await call(.post, "/api/friendships/\(followee.id)/follow/", token: follower.token)
        try #require(reply.status == .created, "follow failed: \(reply.text)")
    }

    /// Comments on a tweet and returns the comment's id.
    public func comment(on tweetID: Int64, _ content: String, as account: Account) async throws -> Int64 {
        let reply = try await call(.post, "/api/comments/", token: account.token, json: ["tweet_id": tweetID, "content": content])
        try #require(reply.status == .created, "comment failed: \(reply.text)")
        return try #require((try reply.object()["id"] as? NSNumber)?.int64Value)
    }

    /// Likes a tweet or comment.
    @discardableResult
    public func like(_ contentType: String, _ id: Int64, as account: Account) async throws -> Reply {
        try await call(.post, "/api/likes/", token: account.token, json: ["content_type": contentType, "object_id": id])
    }

    /// Sends a multipart form: text fields, then files as (field, filename, bytes).
    public func multipart(_ method: HTTPRequest.Method, _ uri: String, token: String?, fields: [String: String],
                          files: [(field: String, filename: String, bytes: [UInt8])],
                          sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        let boundary = "starling-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await call(method, uri, token: token, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body,
                              sourceLocation: sourceLocation)
    }

    /// The tweet ids of one newsfeed page, and whether more follow.
    public func newsfeed(_ account: Account, query: String = "") async throws -> (ids: [Int64], hasNextPage: Bool) {
        let reply = try await call(.get, "/api/newsfeeds/\(query.isEmpty ? "" : "?\(query)")", token: account.token)
        try #require(reply.status == .ok, "newsfeed failed: \(reply.text)")
        let object = try reply.object()
        let results = try #require(object["results"] as? [[String: Any]])
        let ids = results.compactMap { (($0["tweet"] as? [String: Any])?["id"] as? NSNumber)?.int64Value }
        return (ids, try #require(object["has_next_page"] as? Bool))
    }
}
