import Foundation
import Hummingbird
import NIOCore
import StarlingCore
import StarlingHTTP

/// `GET /openapi.json`: the OpenAPI 3.1 document of the course-compatible API, the package
/// resource `openapi.json` beside this file. Tests check every response against it
/// (`StarlingTesting.OpenAPIContract`), and `scripts/schemathesis` runs against a live server with it.
public struct OpenAPIDocument: Sendable {
    /// The document's bytes, read once; nil when the resource could not be found (then the route is a 404).
    public static let bytes: [UInt8]? = location().flatMap { FileManager.default.contents(atPath: $0.path) }.map { Array($0) }

    /// The package's resource bundle beside the executable (where `swift build` puts it, and where
    /// a release copies it), else the source tree. Unlike `Bundle.module`, a missing bundle does not
    /// stop the server.
    static func location() -> URL? {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("starling_CourseAPI.resources/openapi.json"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("openapi.json"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    public init() {}

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("openapi.json", use: serve)
    }

    @Sendable func serve(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        guard let bytes = Self.bytes else { throw StarlingError.notFound }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
