import Foundation
import Hummingbird
import Media
import StarlingCore
import StarlingHTTP

/// `POST /api/v2/media` (and v1): an image uploaded before the status that carries it, and
/// `GET /api/v1/media/:id`. The image is validated and stored at once, so it is served at its URL.
struct MediaController: Sendable {
    let images: StoreImages
    let pending: PendingMedia
    let ids: IDGenerator

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.post("api/v2/media", use: upload)
        router.post("api/v1/media", use: upload)
        router.get("api/v1/media/:id", use: show)
    }

    @Sendable func upload(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let input = try await MastodonParameters.parse(request, maximumFileBytes: images.maximumBytes)
        guard let file = input.files["file"]?.first else { throw StarlingError.invalid("file", "can't be blank") }
        let keys = try await images([ImageUpload(filename: file.filename, data: file.data)], field: "file", folder: "photos", maximumCount: 1)
        guard let key = keys.first else { throw StarlingError.invalid("file", "can't be blank") }
        let description = input.string("description").map { String($0.prefix(1_500)) }
        let id = ids.next()
        let dropped = await pending.add(id: id, .init(userID: viewer.userID, key: key, description: description, uploadedAt: .now))
        if !dropped.isEmpty { await images.discard(dropped) }
        return try MastodonResponse.json(MediaAttachmentJSON(id: String(id), url: BaseURL(request).url(MediaKey.url(key)),
                                                             description: description))
    }

    @Sendable func show(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.mastodonID()
        guard let item = await pending.item(id: id, userID: viewer.userID) else { throw StarlingError.notFound }
        return try MastodonResponse.json(MediaAttachmentJSON(id: String(id), url: BaseURL(request).url(MediaKey.url(item.key)),
                                                             description: item.description))
    }
}
