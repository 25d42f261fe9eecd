import HTTPTypes
import Hummingbird
import StarlingCore
import StarlingHTTP

/// Builds the answers of Mastodon routes: JSON, with a `Link` header on paged lists.
enum MastodonResponse {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, link: String? = nil) throws -> Response {
        var response = try JSONBody.response(value, status: status)
        if let link { response.headers[HTTPField.Name("Link")!] = link }
        return response
    }

    /// An HTML page (the authorize flow), never framed by another site.
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", HTTPField.Name("X-Frame-Options")!: "DENY",
                           HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                           .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// A 302 to `location`.
    static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}

extension StarlingRequestContext {
    /// A status, account or notification id in the path: anything but digits names nothing (404).
    func mastodonID(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), text.utf8.count <= 19, let id = Int64(text), id > 0 else {
            throw StarlingError.notFound
        }
        return id
    }
}
