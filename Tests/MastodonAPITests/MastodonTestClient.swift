import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StarlingTesting
import Testing

/// Calls Mastodon routes through the router as the clients do: form or JSON bodies, bearer tokens.
struct MastodonTestClient: Sendable {
    let api: API

    struct Response: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "not a JSON object: \(text)")
        }

        func array() throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]], "not a JSON array: \(text)")
        }

        func header(_ name: String) -> String? {
            HTTPField.Name(name).flatMap { headers[$0] }
        }
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, form: [(String, String)]? = nil,
              json: [String: any Sendable]? = nil, headers: HTTPFields = [:]) async throws -> Response {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
        } else if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        return try await api.client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Response(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Registers an app with `scopes` and returns its client id and secret.
    func registerApp(scopes: String = "read write follow push") async throws -> (id: String, secret: String) {
        let reply = try await call(.post, "/api/v1/apps", form: [("client_name", "tests"), ("scopes", scopes),
                                                                  ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")])
        try #require(reply.status == .ok, "apps: \(reply.text)")
        let object = try reply.object()
        return (try #require(object["client_id"] as? String), try #require(object["client_secret"] as? String))
    }

    /// Signs `username` up through the course API and logs in through the password grant with the
    /// e-mail address, as Mastodon.py does; returns the user id and the OAuth token.
    func user(_ username: String, scopes: String = "read write follow push") async throws -> (id: String, token: String) {
        let account = try await api.signUp(username)
        let app = try await registerApp(scopes: scopes)
        let reply = try await call(.post, "/oauth/token", form: [
            ("grant_type", "password"), ("client_id", app.id), ("client_secret", app.secret), ("username", "\(username)@example.com"),
            ("password", "password1"), ("scope", scopes), ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob")])
        try #require(reply.status == .ok, "token: \(reply.text)")
        return (String(account.id), try #require(try reply.object()["access_token"] as? String))
    }

    /// Posts a status and returns it.
    func post(_ text: String, token: String, inReplyTo: String? = nil) async throws -> [String: Any] {
        var form = [("status", text), ("sensitive", "0")]
        if let inReplyTo { form.append(("in_reply_to_id", inReplyTo)) }
        let reply = try await call(.post, "/api/v1/statuses", token: token, form: form)
        try #require(reply.status == .ok, "post: \(reply.text)")
        return try reply.object()
    }
}
