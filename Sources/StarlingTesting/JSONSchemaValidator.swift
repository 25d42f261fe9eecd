import Foundation

/// A JSON Schema (2020-12) validator of the subset the OpenAPI document uses: `$ref` (local,
/// `#/…`), `type` (a name or a list), `properties`, `required`, `additionalProperties` (boolean or
/// schema), `items`, `minItems`, `maxItems`, `enum`, `const`, `anyOf`, `oneOf`, `allOf`, `minimum`,
/// `maximum`, `minLength`, `maxLength` (in code points), `pattern`. Annotations are ignored. Any other
/// keyword is reported as a problem, so a schema never asks for a check this validator would skip.
public struct JSONSchemaValidator: Sendable {
    /// The document `$ref`s point into.
    public let root: JSONValue

    static let annotations: Set<String> = [
        "description", "title", "format", "examples", "example", "default", "deprecated", "readOnly", "writeOnly",
        "contentMediaType", "contentEncoding", "$comment",
    ]

    public init(root: JSONValue) {
        self.root = root
    }

    /// Every way `value` breaks `schema`, each with its JSON path (`$.results[0].user.id`); empty when it conforms.
    public func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        var found: [String] = []
        check(value, schema, path, depth: 0, into: &found)
        return found
    }

    /// Resolves a local reference such as `#/components/schemas/User`.
    public func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, depth: Int, into found: inout [String]) {
        guard depth < 64 else { return found.append("\(path): schema nesting too deep (a $ref cycle?)") }
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): no value is allowed here, found \(value.brief)") }
            return
        }
        guard let keywords = schema.objectValue else { return found.append("\(path): the schema is not an object") }
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "$ref":
                guard let reference = argument.stringValue, let target = resolve(reference) else {
                    found.append("\(path): unresolvable $ref \(argument.brief)")
                    continue
                }
                check(value, target, path, depth: depth + 1, into: &found)
            case "type":
                let names = argument.arrayValue?.compactMap(\.stringValue) ?? argument.stringValue.map { [$0] } ?? []
                if value.typeNames.isDisjoint(with: names) {
                    found.append("\(path): expected \(names.joined(separator: " or ")), found \(value.brief)")
                }
            case "properties":
                guard let members = value.objectValue, let properties = argument.objectValue else { continue }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let propertySchema = properties[name] { check(member, propertySchema, "\(path).\(name)", depth: depth + 1, into: &found) }
                }
            case "required":
                guard let members = value.objectValue else { continue }
                for name in argument.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                    found.append("\(path): the required member \"\(name)\" is missing")
                }
            case "additionalProperties":
                guard let members = value.objectValue else { continue }
                let known = Set(keywords["properties"]?.objectValue?.keys.map { $0 } ?? [])
                for (name, member) in members.sorted(by: { $0.key < $1.key }) where !known.contains(name) {
                    if argument == .bool(false) {
                        found.append("\(path): the member \"\(name)\" is not in the document")
                    } else {
                        check(member, argument, "\(path).\(name)", depth: depth + 1, into: &found)
                    }
                }
            case "items":
                guard let items = value.arrayValue else { continue }
                for (index, item) in items.enumerated() { check(item, argument, "\(path)[\(index)]", depth: depth + 1, into: &found) }
            case "minItems", "maxItems":
                guard let items = value.arrayValue, let bound = argument.doubleValue else { continue }
                if keyword == "minItems" ? Double(items.count) < bound : Double(items.count) > bound {
                    found.append("\(path): \(items.count) items breaks \(keyword) \(Int(bound))")
                }
            case "enum":
                if !(argument.arrayValue ?? []).contains(where: { value.sameJSON(as: $0) }) {
                    found.append("\(path): \(value.brief) is not one of \((argument.arrayValue ?? []).map(\.brief).joined(separator: ", "))")
                }
            case "const":
                if !value.sameJSON(as: argument) { found.append("\(path): expected \(argument.brief), found \(value.brief)") }
            case "anyOf", "oneOf":
                let branches = argument.arrayValue ?? []
                let matching = branches.filter { problems(value, against: $0, at: path).isEmpty }.count
                if matching == 0 {
                    let reasons = branches.map { problems(value, against: $0, at: path).first ?? "" }
                    found.append("\(path): matches none of \(keyword) (\(reasons.joined(separator: "; ")))")
                } else if keyword == "oneOf", matching > 1 {
                    found.append("\(path): matches \(matching) branches of oneOf, not exactly one")
                }
            case "allOf":
                for branch in argument.arrayValue ?? [] { check(value, branch, path, depth: depth + 1, into: &found) }
            case "minimum", "maximum":
                guard let number = value.doubleValue, let bound = argument.doubleValue else { continue }
                if keyword == "minimum" ? number < bound : number > bound {
                    found.append("\(path): \(value.brief) breaks \(keyword) \(argument.brief)")
                }
            case "minLength", "maxLength":
                guard let text = value.stringValue, let bound = argument.doubleValue else { continue }
                let length = Double(text.unicodeScalars.count)
                if keyword == "minLength" ? length < bound : length > bound {
                    found.append("\(path): \(value.brief) breaks \(keyword) \(argument.brief)")
                }
            case "pattern":
                guard let text = value.stringValue, let pattern = argument.stringValue else { continue }
                guard let regex = PatternCache.shared.regex(pattern) else {
                    found.append("\(path): the pattern \(argument.brief) does not compile")
                    continue
                }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    found.append("\(path): \(value.brief) does not match \(pattern)")
                }
            default:
                if !Self.annotations.contains(keyword) { found.append("\(path): the schema keyword \"\(keyword)\" is not supported by the validator") }
            }
        }
    }
}

/// Compiled patterns, shared by every check (compiling one costs more than matching it).
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let regex = compiled[pattern] { return regex }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        compiled[pattern] = regex
        return regex
    }
}
