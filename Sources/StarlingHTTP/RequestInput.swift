import Foundation
import Hummingbird
import NIOCore
import StarlingCore

/// The fields of a request body, whichever of the API's three encodings it came in:
/// JSON object, `application/x-www-form-urlencoded`, or `multipart/form-data` (with files).
public struct RequestInput: Sendable {
    /// One field's value as the client sent it.
    public enum Value: Sendable, Equatable {
        case string(String)
        /// A JSON number, kept as its text.
        case number(String)
        case bool(Bool)
        case null
        /// A JSON array or object where a plain value was expected.
        case structured
    }

    public private(set) var values: [String: Value]
    public private(set) var files: [String: [UploadedFile]]

    public init(values: [String: Value] = [:], files: [String: [UploadedFile]] = [:]) {
        self.values = values
        self.files = files
    }

    /// The largest JSON or form body any route reads: text fields only, so a few kilobytes do.
    public static let maximumTextBodyBytes = 64 << 10

    /// Reads and parses the body. The limit is chosen by media type before anything is read:
    /// JSON and form bodies at most `maximumTextBodyBytes`, multipart bodies (the ones that carry
    /// files) at most `maxBytes`. A larger body is a 413 — refused on its `Content-Length` before
    /// it is read, or as soon as it grows past the limit; malformed ones are a 400; other media
    /// types a 415.
    public static func parse(_ request: Request, maxBytes: Int = maximumTextBodyBytes) async throws -> RequestInput {
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let limit: Int
        switch mediaType {
        case "application/json", "", "application/x-www-form-urlencoded": limit = min(maxBytes, maximumTextBodyBytes)
        case "multipart/form-data": limit = maxBytes
        default: limit = min(maxBytes, maximumTextBodyBytes)  // read only to tell empty from 415
        }
        if let declared = request.headers[.contentLength], declared.utf8.count > 18 || (Int(declared) ?? 0) > limit {
            throw HTTPError(.contentTooLarge)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        } catch {
            // A malformed chunk, or a body that ended before its Content-Length: the client's fault.
            throw StarlingError.badRequest("The request body could not be read.")
        }
        guard buffer.readableBytes > 0 else { return RequestInput() }
        let bytes = Array(buffer.readableBytesView)
        switch mediaType {
        case "application/json", "":
            return try parseJSON(bytes)
        case "application/x-www-form-urlencoded":
            return RequestInput(values: FormURLEncoding.decode(String(decoding: bytes, as: UTF8.self)).mapValues(Value.string))
        case "multipart/form-data":
            guard let boundary = MultipartFormData.boundary(fromContentType: contentType) else {
                throw StarlingError.badRequest("Multipart form parse error - no boundary in Content-Type.")
            }
            guard let parts = MultipartFormData.parse(bytes, boundary: boundary) else {
                throw StarlingError.badRequest("Multipart form parse error - malformed body.")
            }
            var input = RequestInput()
            for part in parts {
                if part.filename != nil {
                    input.files[part.name, default: []].append(
                        UploadedFile(filename: part.filename, contentType: part.contentType, data: ByteBuffer(bytes: part.body)))
                } else {
                    input.values[part.name] = .string(String(decoding: part.body, as: UTF8.self))
                }
            }
            return input
        default:
            throw StarlingError.unsupportedMediaType(mediaType)
        }
    }

    private static func parseJSON(_ bytes: [UInt8]) throws -> RequestInput {
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: Data(bytes))
        } catch {
            throw StarlingError.badRequest("JSON parse error - the body must be a JSON object.")
        }
        return RequestInput(values: object.mapValues(\.value))
    }

    /// Decodes any JSON value into a `Value`.
    private struct JSONScalar: Decodable {
        let value: Value

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let integer = try? container.decode(Int64.self) {
                value = .number(String(integer))
            } else if let double = try? container.decode(Double.self) {
                value = .number(String(double))
            } else if let string = try? container.decode(String.self) {
                value = .string(string)
            } else {
                value = .structured
            }
        }
    }
}

/// A file sent in a multipart body.
public struct UploadedFile: Sendable {
    public var filename: String?
    public var contentType: String?
    public var data: ByteBuffer

    public init(filename: String?, contentType: String?, data: ByteBuffer) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

extension StarlingError {
    /// A body in a media type the API does not read.
    static func unsupportedMediaType(_ mediaType: String) -> StarlingError {
        .badRequest("Unsupported media type \"\(mediaType)\" in request.")
    }
}
