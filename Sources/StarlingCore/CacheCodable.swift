import NIOCore

/// A value the object cache stores in a compact binary form: integers and length-prefixed
/// strings, written and read by hand — several times cheaper than JSON for the dozens of objects
/// hydrating one page takes.
public protocol CacheCodable: Sendable {
    /// Appends the value's fields.
    func write(to buffer: inout ByteBuffer)
    /// Reads the fields `write` wrote, or nil when the bytes are not such a value.
    init?(from buffer: inout ByteBuffer)
}

extension ByteBuffer {
    /// Appends an integer field.
    public mutating func writeField(_ value: Int64) {
        writeInteger(value)
    }

    /// Appends a string field (nil is written as a negative length).
    public mutating func writeField(_ value: String?) {
        guard let value else {
            writeInteger(Int32(-1))
            return
        }
        writeInteger(Int32(value.utf8.count))
        writeString(value)
    }

    /// Reads an integer field.
    public mutating func readInt64Field() -> Int64? {
        readInteger(as: Int64.self)
    }

    /// Reads a string field: `.some(nil)` for a written nil, `nil` for malformed bytes.
    public mutating func readStringField() -> String?? {
        guard let length = readInteger(as: Int32.self) else { return nil }
        if length < 0 { return .some(nil) }
        guard let string = readString(length: Int(length)) else { return nil }
        return .some(string)
    }
}
