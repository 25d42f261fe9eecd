import Hummingbird
import NIOCore

/// A value that writes its own JSON. The API's hot pages (newsfeeds, timelines) are written this
/// way, straight into the response's buffer: Foundation's `JSONEncoder` was a third of a
/// newsfeed request's CPU time.
public protocol JSONWritable: Sendable {
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes JSON into a `ByteBuffer`: objects, arrays, keys and scalars in order; commas are placed
/// by the writer.
public struct JSONWriter {
    public private(set) var buffer: ByteBuffer
    private var first = true

    /// - Parameter afterMember: start as if a member had been written (the next key gets a comma):
    ///   for encoding the members that continue an object elsewhere (`encodedMembers`).
    public init(capacity: Int = 4_096, afterMember: Bool = false) {
        self.buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
        self.first = !afterMember
    }

    public mutating func beginObject() {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        first = true
    }

    public mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        first = false
    }

    public mutating func beginArray() {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        first = true
    }

    public mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        first = false
    }

    /// The next member's key, given at run time (escaped as any string).
    public mutating func key(_ name: String) {
        separate()
        writeQuoted(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        first = true
    }

    /// The next member's key (plain ASCII, written as is).
    public mutating func key(_ name: StaticString) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        first = true
    }

    public mutating func string(_ value: String) {
        separate()
        writeQuoted(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int64) {
        separate()
        // Digits straight into the buffer: no String per number (ids and counts fill every page).
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { out in
            var magnitude = value.magnitude
            var digits = 0
            repeat {
                digits += 1
                magnitude /= 10
            } while magnitude > 0
            let length = digits + (value < 0 ? 1 : 0)
            if value < 0 { out[0] = UInt8(ascii: "-") }
            magnitude = value.magnitude
            for position in stride(from: length - 1, through: length - digits, by: -1) {
                out[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            return length
        }
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        buffer.writeStaticString("null")
    }

    /// A value encoded before (a whole JSON value), copied as it is.
    public mutating func encoded(_ bytes: [UInt8]) {
        separate()
        buffer.writeBytes(bytes)
        first = false
    }

    /// The start of an object encoded before: `{` and its first members, copied as they are;
    /// more members and `endObject()` follow.
    public mutating func encodedObjectStart(_ bytes: [UInt8]) {
        encoded(bytes)
    }

    /// Members encoded before by a writer made with `afterMember: true` (so with their leading
    /// comma), copied as they are into the open object.
    public mutating func encodedMembers(_ bytes: [UInt8]) {
        buffer.writeBytes(bytes)
        first = false
    }

    /// A nested value that writes itself.
    public mutating func value(_ value: some JSONWritable) {
        value.writeJSON(to: &self)
    }

    /// An array of values that write themselves.
    public mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        beginArray()
        for element in elements { element.writeJSON(to: &self) }
        endArray()
    }

    /// An array of strings.
    public mutating func array(_ strings: [String]) {
        beginArray()
        for string in strings { self.string(string) }
        endArray()
    }

    private mutating func separate() {
        if !first { buffer.writeInteger(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func writeQuoted(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in  // contiguous UTF-8 (native strings are; others are made so)
            var pending = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[pending..<index])))
                writeEscape(byte)
                pending = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[pending...])))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
        case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
        case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(hex.utf8Start[Int(byte >> 4)])
            buffer.writeInteger(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

extension JSONBody {
    /// A JSON response from a value that writes itself.
    public static func response(writing value: some JSONWritable, status: HTTPResponse.Status = .ok) -> Response {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: writer.buffer))
    }
}

extension EndlessPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("has_next_page")
        writer.bool(hasNextPage)
        writer.key("results")
        writer.array(results)
        writer.endObject()
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.array(self)
    }
}
