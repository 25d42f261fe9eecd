/// Any encodable value, for JSON assembled from parts that different domains contribute.
public struct AnyEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void

    public init<Value: Encodable & Sendable>(_ value: Value) {
        self.encodeValue = { try value.encode(to: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeValue(encoder)
    }
}

/// A coding key made from any string.
public struct DynamicKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ string: String) {
        self.stringValue = string
    }

    public init?(stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(intValue: Int) {
        return nil
    }
}
