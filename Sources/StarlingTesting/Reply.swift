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

/// A response, with its body read as JSON on demand.
public struct Reply: Sendable {
    public let status: HTTPResponse.Status
    public let headers: HTTPFields
    public let body: Data

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    public func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The `results` array of a paginated body.
    public func results() throws -> [[String: Any]] {
        try #require(try object()["results"] as? [[String: Any]], "no results: \(text)")
    }
}
