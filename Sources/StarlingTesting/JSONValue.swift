import Foundation

/// Any JSON value, decoded exactly: integers stay integers (a schema's `integer` must tell 5 from 5.5).
public indirect enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses JSON text (any value at the top, not only objects).
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// An integer or a number, as a double (for `minimum`, `maximum`, lengths).
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The JSON Schema type names this value has (an integral number is both `integer` and `number`).
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .integer: ["integer", "number"]
        case .number(let value): value.rounded() == value && value.isFinite ? ["integer", "number"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    /// A short rendering for messages.
    var brief: String {
        switch self {
        case .null: "null"
        case .bool(let bool): String(bool)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let text): "\"\(text.prefix(60))\(text.count > 60 ? "…" : "")\""
        case .array(let items): "an array of \(items.count)"
        case .object(let members): "an object with keys \(members.keys.sorted().prefix(12).joined(separator: ", "))"
        }
    }

    /// Equality as JSON Schema's `const` and `enum` see it: 1 equals 1.0.
    func sameJSON(as other: JSONValue) -> Bool {
        if let left = doubleValue, let right = other.doubleValue { return left == right }
        return self == other
    }
}
