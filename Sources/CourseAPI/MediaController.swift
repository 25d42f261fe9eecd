import Media
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/media/{key}`: serves stored images with their content type. Keys never change content, so
/// clients may cache them forever.
public struct MediaController: Sendable {
    let blobs: any BlobStore

    public init(blobs: any BlobStore) {
        self.blobs = blobs
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("media/:folder/:name", use: serve)
    }

    /// Never rendered as a document, never sniffed into one: an image with markup inside stays an image.
    static let securityHeaders: HTTPFields = [
        .xContentTypeOptions: "nosniff",
        .contentSecurityPolicy: "default-src 'none'; sandbox",
    ]

    /// The key's format is the one validated at upload; bytes whose signature disagrees are not served.
    @Sendable func serve(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let key = "\(context.parameters.get("folder") ?? "")/\(context.parameters.get("name") ?? "")"
        if let links = blobs as? any BlobLinks {
            // Media on S3: the client fetches it from there (see the README's "Media on S3").
            guard MediaKey.isValid(key) else { throw StarlingError.notFound }
            let link = links.temporaryLink(for: key)
            return Response(status: .found, headers: [.location: link.url, .cacheControl: "private, max-age=\(link.cacheSeconds)"])
        }
        guard MediaKey.isValid(key), let format = ImageFormat(fileExtension: String(key.split(separator: ".").last ?? "")),
              let data = try await blobs.get(key), ImageFormat.detect(data.readableBytesView) == format
        else { throw StarlingError.notFound }
        var headers: HTTPFields = [.contentType: format.contentType, .cacheControl: "public, max-age=31536000, immutable"]
        headers.append(contentsOf: Self.securityHeaders)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: data))
    }
}
