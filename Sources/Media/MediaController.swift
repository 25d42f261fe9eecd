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
        router.rejectOtherMethods("media/:folder/:name", allowed: [.get])
    }

    @Sendable func serve(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let key = "\(context.parameters.get("folder") ?? "")/\(context.parameters.get("name") ?? "")"
        guard MediaKey.isValid(key), let format = ImageFormat(fileExtension: String(key.split(separator: ".").last ?? "")),
              let data = try await blobs.get(key)
        else { throw StarlingError.notFound }
        return Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                         body: .init(byteBuffer: data))
    }
}
