import CourseAPI
import Foundation

/// Checks a response against the OpenAPI document (`GET /openapi.json`): the path must be in it,
/// the status documented for its method, the content type the documented one, documented required
/// headers present, and a JSON body valid against the status's schema. `API.call` and
/// `LiveClient.call` run every response through `course`, so every API test checks the document.
///
/// Outside the document: an unknown path must be the router's 404 `{detail}`, and a method a known
/// path has no operation for must be a 405 `{detail}` with `Allow` (HEAD is checked as GET, without
/// a body). The web app's page and files (`/`, `/static/…`) and the Mastodon face's paths have
/// contracts of their own and are not checked here.
public struct OpenAPIContract: Sendable {
    public let document: JSONValue
    let validator: JSONSchemaValidator

    /// Path prefixes of the other faces: not in this document.
    public static let otherFaces = ["/static/", "/api/v1/", "/api/v2/", "/oauth/", "/.well-known/", "/nodeinfo"]

    public init(document: JSONValue) {
        self.document = document
        self.validator = JSONSchemaValidator(root: document)
    }

    /// The course API's document, as the server serves it.
    public static let course: OpenAPIContract? = OpenAPIDocument.bytes.flatMap { try? JSONValue.parse(Data($0)) }.map(OpenAPIContract.init)

    /// Every way the response breaks the document; empty when it conforms.
    /// - Parameters:
    ///   - method: the request's method (`GET`, `HEAD`, …).
    ///   - uri: the request target (path and query).
    public func problems(method: String, uri: String, status: Int, headers: [String: String], body: Data) -> [String] {
        let path = String(uri.prefix { $0 != "?" && $0 != "#" })
        if path == "/" || Self.otherFaces.contains(where: { path.hasPrefix($0) }) { return [] }
        let isHead = method.uppercased() == "HEAD"
        let detail = JSONValue.object(["$ref": .string("#/components/schemas/Detail")])
        guard let (template, pathItem) = match(path) else {
            guard status == 404 else { return ["\(path) is not in the document (answered \(status))"] }
            return isHead ? [] : jsonProblems(body, headers: headers, schema: detail, what: "the 404 of an unknown path")
        }
        let operationKey = isHead ? "get" : method.lowercased()
        guard let operation = pathItem[operationKey], operationKey != "parameters" else {
            var found: [String] = []
            if status != 405 { found.append("\(method) \(template) is not in the document, but was answered \(status), not 405") }
            if status == 405, headers.first(where: { $0.key.lowercased() == "allow" }) == nil { found.append("405 without an Allow header") }
            if !isHead { found += jsonProblems(body, headers: headers, schema: detail, what: "the 405") }
            return found
        }
        let responses = operation["responses"]?.objectValue ?? [:]
        let hundreds = "\(status / 100)XX"
        guard var response = responses[String(status)] ?? responses[hundreds] ?? responses["default"] else {
            return ["\(method) \(template): the status \(status) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        if let reference = response["$ref"]?.stringValue {
            guard let target = validator.resolve(reference) else { return ["unresolvable \(reference)"] }
            response = target
        }
        let what = "\(method) \(template) \(status)"
        var found: [String] = []
        for (name, header) in response["headers"]?.objectValue ?? [:] where header["required"] == .bool(true) {
            if headers.first(where: { $0.key.lowercased() == name.lowercased() }) == nil { found.append("\(what): the header \(name) is missing") }
        }
        guard !isHead else { return found }
        guard let content = response["content"]?.objectValue, !content.isEmpty else {
            if !body.isEmpty { found.append("\(what): a body where the document has none") }
            return found
        }
        let contentType = headers.first { $0.key.lowercased() == "content-type" }?.value ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let documented = content.keys.sorted().first(where: { Self.mediaType(mediaType, matches: $0) }) else {
            return found + ["\(what): the content type \"\(contentType)\" is not documented (\(content.keys.sorted().joined(separator: ", ")))"]
        }
        if documented.hasSuffix("json"), let schema = content[documented]?["schema"] {
            found += jsonProblems(body, headers: headers, schema: schema, what: what)
        }
        return found
    }

    /// The document's path template for `path` and its path item; literal segments win over
    /// parameters (`/api/notifications/unread-count/` over `/api/notifications/{id}/`).
    public func match(_ path: String) -> (template: String, item: JSONValue)? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: (template: String, item: JSONValue, literals: Int)?
        for (template, item) in document["paths"]?.objectValue ?? [:] {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            var literals = 0
            var matches = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{"), part.hasSuffix("}") {
                    if segment.isEmpty { matches = false; break }
                } else if part == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches, literals > best?.literals ?? -1 { best = (template, item, literals) }
        }
        return best.map { ($0.template, $0.item) }
    }

    private func jsonProblems(_ body: Data, headers: [String: String], schema: JSONValue, what: String) -> [String] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            return ["\(what): the body is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return validator.problems(value, against: schema).map { "\(what): \($0)" }
    }

    /// `image/png` matches `image/*` and `image/png`; `*/*` matches anything.
    static func mediaType(_ actual: String, matches documented: String) -> Bool {
        let documented = documented.lowercased()
        if documented == "*/*" || documented == actual { return true }
        guard documented.hasSuffix("/*") else { return false }
        return actual.hasPrefix(documented.dropLast())
    }
}
