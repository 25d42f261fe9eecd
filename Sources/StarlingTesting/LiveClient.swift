import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// JSON calls to a running `starling serve` over loopback, authenticated by bearer token.
public struct LiveClient: Sendable {
    public let port: Int

    public init(port: Int) {
        self.port = port
    }

    /// Sends one request on a connection of its own and returns the status and the JSON object
    /// answered. The response is checked against the OpenAPI document, as `API.call` does.
    @discardableResult
    public func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil,
                     json: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (status: HTTPResponse.Status, object: [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let request = TestClient.Request(uri, method: method, authority: "127.0.0.1:\(port)", headers: headers,
                                         body: json.map { ByteBuffer(string: $0) })
        let (status, answered, body) = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.execute(request)
            return (response.status, response.headers, response.body.map { Data($0.readableBytesView) } ?? Data())
        }
        OpenAPIContract.record(method: method, uri: uri, status: status, headers: answered, body: body, sourceLocation: sourceLocation)
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        return (status, object)
    }

    /// Signs up `username` and returns its id and token.
    public func signUp(_ username: String) async throws -> API.Account {
        let (status, object) = try await call(.post, "/api/accounts/signup/",
                                              json: #"{"username":"\#(username)","email":"\#(username)@example.com","password":"password1"}"#)
        try #require(status == .created, "signup \(username): \(status)")
        let user = try #require(object["user"] as? [String: Any])
        return API.Account(id: try #require((user["id"] as? NSNumber)?.int64Value), username: username,
                           token: try #require(object["token"] as? String))
    }
}
