/// A small `multipart/form-data` parser (RFC 7578): enough for form fields and uploaded files.
public enum MultipartFormData {
    /// One part of the body.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    /// The `boundary` parameter of a `Content-Type` header.
    public static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 70 ? nil : value
        }
        return nil
    }

    /// The parts of `body`, or nil when it is not well-formed multipart.
    public static func parse(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = find(delimiter, in: body, from: 0) else { return nil }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if body.count >= position + 2, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") {
                return parts
            }
            guard let lineEnd = find(crlf, in: body, from: position) else { return nil }
            let headersStart = lineEnd + 2
            guard let headersEnd = find(crlf + crlf, in: body, from: headersStart - 2) else { return nil }
            let headerText = String(decoding: body[headersStart..<max(headersStart, headersEnd)], as: UTF8.self)
            let contentStart = headersEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else { return nil }
            guard var part = headers(headerText) else { return nil }
            part.body = Array(body[contentStart..<next])
            parts.append(part)
            position = next + 2
        }
    }

    private static let crlf: [UInt8] = [13, 10]

    private static func headers(_ text: String) -> Part? {
        var part = Part(name: "", filename: nil, contentType: nil, body: [])
        var named = false
        for line in text.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let field = pair[0].lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if field == "content-type" {
                part.contentType = value
            } else if field == "content-disposition" {
                for parameter in value.split(separator: ";").dropFirst() {
                    let kv = parameter.split(separator: "=", maxSplits: 1)
                    guard kv.count == 2 else { continue }
                    var v = kv[1].trimmingCharacters(in: .whitespaces)
                    if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                    switch kv[0].trimmingCharacters(in: .whitespaces).lowercased() {
                    case "name": part.name = v; named = true
                    case "filename": part.filename = v
                    default: break
                    }
                }
            }
        }
        return named ? part : nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
