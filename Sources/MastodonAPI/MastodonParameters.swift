import Foundation
import Hummingbird
import NIOCore
import StarlingCore
import StarlingHTTP

/// The parameters of a Mastodon request, from its query string and its body, whichever encoding
/// the client chose: form (Mastodon.py), JSON (toot), multipart (media), or none. Every name may
/// repeat (`media_ids[]=1&media_ids[]=2`, or a JSON array); `key[]` and `key` are one name.
struct MastodonParameters: Sendable {
    private(set) var values: [String: [String]] = [:]
    private(set) var files: [String: [UploadedFile]] = [:]

    /// The largest text body read; media bodies may be as large as `maximumFileBytes` allows.
    static let maximumTextBytes = 64 << 10

    /// The query string's parameters only.
    init(query request: Request) {
        if let query = request.uri.query { add(form: query) }
    }

    /// The query string's parameters, then the body's (a body value wins over a query one).
    static func parse(_ request: Request, maximumFileBytes: Int = 0) async throws -> MastodonParameters {
        var parameters = MastodonParameters(query: request)
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let limit = mediaType == "multipart/form-data" ? maximumFileBytes + maximumTextBytes : maximumTextBytes
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "Request body too large.")
        } catch {
            throw StarlingError.badRequest("The request body could not be read.")
        }
        guard body.readableBytes > 0 else { return parameters }
        let bytes = Array(body.readableBytesView)
        switch mediaType {
        case "application/json":
            try parameters.add(json: bytes)
        case "multipart/form-data":
            guard let boundary = MultipartFormData.boundary(fromContentType: contentType),
                  let parts = MultipartFormData.parse(bytes, boundary: boundary)
            else { throw StarlingError.badRequest("Malformed multipart body.") }
            for part in parts {
                if part.filename != nil {
                    parameters.files[Self.name(part.name), default: []].append(
                        UploadedFile(filename: part.filename, contentType: part.contentType, data: ByteBuffer(bytes: part.body)))
                } else {
                    parameters.set(part.name, [String(decoding: part.body, as: UTF8.self)], appending: true)
                }
            }
        default:
            // Form bodies, and clients that send a form without saying so.
            if bytes.first == UInt8(ascii: "{") { try parameters.add(json: bytes) } else {
                parameters.add(form: String(decoding: bytes, as: UTF8.self), replacing: true)
            }
        }
        return parameters
    }

    /// The first value of `name`.
    func string(_ name: String) -> String? {
        values[name]?.first
    }

    /// Every value of `name`.
    func strings(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// A boolean: `1/0`, `true/false` in any case, JSON booleans; anything else is nil.
    func bool(_ name: String) -> Bool? {
        switch string(name)?.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    /// A cursor or id: digits only; anything else is nil.
    func id(_ name: String) -> Int64? {
        guard let text = string(name), text.utf8.count <= 19, let value = Int64(text), value >= 0 else { return nil }
        return value
    }

    // MARK: - Decoding

    private static func name(_ raw: String) -> String {
        raw.hasSuffix("[]") ? String(raw.dropLast(2)) : raw
    }

    private mutating func set(_ raw: String, _ new: [String], appending: Bool) {
        let key = Self.name(raw)
        if appending { values[key, default: []].append(contentsOf: new) } else { values[key] = new }
    }

    private mutating func add(form text: String, replacing: Bool = false) {
        var fromBody: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.unescape(parts[0])
            fromBody[Self.name(name), default: []].append(parts.count > 1 ? Self.unescape(parts[1]) : "")
        }
        for (key, new) in fromBody { values[key] = replacing ? new : (values[key] ?? []) + new }
    }

    private mutating func add(json bytes: [UInt8]) throws {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes)) else {
            throw StarlingError.badRequest("The body must be a JSON object.")
        }
        for (key, value) in object { values[Self.name(key)] = value.strings }
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// A JSON value, kept as the strings a parameter holds.
    private struct JSONValue: Decodable {
        let strings: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                strings = []
            } else if let bool = try? container.decode(Bool.self) {
                strings = [bool ? "true" : "false"]
            } else if let integer = try? container.decode(Int64.self) {
                strings = [String(integer)]
            } else if let double = try? container.decode(Double.self) {
                strings = [String(double)]
            } else if let string = try? container.decode(String.self) {
                strings = [string]
            } else if let array = try? container.decode([JSONValue].self) {
                strings = array.flatMap(\.strings)
            } else {
                strings = []
            }
        }
    }
}
