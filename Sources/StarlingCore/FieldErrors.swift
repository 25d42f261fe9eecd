/// Collects per-field validation messages so one answer lists every problem at once.
public struct FieldErrors: Sendable {
    public private(set) var messages: [String: [String]] = [:]

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        messages[field, default: []].append(message)
    }

    public var isEmpty: Bool { messages.isEmpty }

    /// Throws a 400 listing every field at fault, if any.
    public func check(_ message: String = "Please check input") throws {
        if !messages.isEmpty { throw StarlingError.badRequest(message, fieldErrors: messages) }
    }
}
