import NIOCore

/// One file of the web app, read once at start-up: its bytes, content type and a strong ETag.
struct StaticFile: Sendable {
    let body: ByteBuffer
    let contentType: String
    let etag: String

    init(bytes: [UInt8], name: String) {
        body = ByteBuffer(bytes: bytes)
        contentType = Self.contentType(of: name)
        etag = "\"\(Self.fnv1a(bytes))\""
    }

    /// Content types by extension; anything unknown is served as bytes a browser will not run.
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json", "webmanifest": "application/json"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// A 64-bit FNV-1a digest in hex: enough to tell two versions of a small file apart.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
