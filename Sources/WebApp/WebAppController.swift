import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore
import StarlingHTTP

/// The browser face: `/` answers the single page and `/static/…` its stylesheets, scripts and
/// icons, all read once from the package's `Public` resources. Nothing else is served, so the
/// app never shadows `/api`, `/media` or `/healthz`; the app itself only calls the public REST API.
public struct WebAppController: Sendable {
    /// Files by their path under `Public`, e.g. `index.html`, `js/app.js`.
    let files: [String: StaticFile]

    /// Scripts only from this origin and never inline; images also from `blob:` (photo previews
    /// before upload); no plugins, no framing, no `<base>`, forms and requests to this origin only.
    public static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    public init() {
        self.init(directory: Self.publicDirectory())
    }

    /// The package's resource bundle beside the executable (where `swift build` puts it, and where
    /// a release copies it), else the source tree. Unlike `Bundle.module`, a missing bundle does
    /// not stop the server: the API runs and `/` is a 404.
    static func publicDirectory() -> URL? {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("starling_WebApp.resources/Public"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Public"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("index.html").path) }
    }

    /// Reads every file under `directory` (no directory: an app with no files, every path a 404).
    init(directory: URL?) {
        var files: [String: StaticFile] = [:]
        if let directory, let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) {
            let root = directory.standardizedFileURL.path
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      let data = FileManager.default.contents(atPath: url.path) else { continue }
                let path = String(url.standardizedFileURL.path.dropFirst(root.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                files[path] = StaticFile(bytes: Array(data), name: path)
            }
        }
        self.files = files
    }

    /// `/` is answered by `RootPage`, a middleware on the router's not-found path (it sees only
    /// requests no route matched), so the page sits outside the API's route table.
    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.add(middleware: RootPage(app: self))
        router.get("static/**", use: asset)
    }

    @Sendable func asset(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard path != "index.html" else { throw StarlingError.notFound }
        return try respond(files[path], to: request)
    }

    /// `no-cache` with an ETag: the browser revalidates each time and gets a 304 while the
    /// file is unchanged, so a new release is never mixed with cached modules of the old one.
    func respond(_ file: StaticFile?, to request: Request) throws -> Response {
        guard let file else { throw StarlingError.notFound }
        var headers: HTTPFields = [
            .contentType: file.contentType,
            .cacheControl: "no-cache",
            .eTag: file.etag,
            .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: Self.contentSecurityPolicy,
            HTTPField.Name("Referrer-Policy")!: "same-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
        ]
        if let tags = request.headers[.ifNoneMatch], tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.body))
    }
}
