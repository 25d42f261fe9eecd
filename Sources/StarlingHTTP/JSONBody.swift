import Foundation
import Hummingbird
import NIOCore

/// Builds JSON responses. Keys are written as the API spells them (snake_case) by each type's
/// `CodingKeys`, not by a key strategy, which would cost a conversion per key.
public enum JSONBody {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON response with `status`.
    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A JSON response whose body is spelled out in the source, e.g. `{"status":"ok"}`: no encoder
    /// (encoding that one-member dictionary was a tenth of what `/healthz` cost).
    public static func response(literal json: StaticString, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(staticString: json)))
    }
}

/// `{"success": true}` and its variants.
public struct SuccessBody: Encodable, Sendable {
    public var success = true
    public var deleted: Int?
    public var duplicate: Bool?

    public init(deleted: Int? = nil, duplicate: Bool? = nil) {
        self.deleted = deleted
        self.duplicate = duplicate
    }
}

/// A list answered in the endless-pagination shape: `{"has_next_page", "results"}`.
public struct EndlessPage<Item: Sendable>: Sendable {
    public var hasNextPage: Bool
    public var results: [Item]

    public init(hasNextPage: Bool, results: [Item]) {
        self.hasNextPage = hasNextPage
        self.results = results
    }

}

extension EndlessPage: Encodable where Item: Encodable {
    enum CodingKeys: String, CodingKey {
        case hasNextPage = "has_next_page"
        case results
    }
}
