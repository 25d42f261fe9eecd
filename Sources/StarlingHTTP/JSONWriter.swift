import Hummingbird
import NIOCore

/// A value that writes its own JSON. The API's hot pages (newsfeeds, timelines) are written this
/// way, straight into the response's bytes: Foundation's `JSONEncoder` was a third of a
/// newsfeed request's CPU time.
public protocol JSONWritable: Sendable {
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes JSON into an array of bytes: objects, arrays, keys and scalars in order; commas are
/// placed by the writer. The bytes go into a plain `[UInt8]` and become a `ByteBuffer` once, at
/// the end: a page is hundreds of small writes, and each `ByteBuffer` write checked its storage's
/// uniqueness and capacity through several calls (some 400 instructions per tweet of a page).
public struct JSONWriter {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []
    private var first = true

    /// - Parameter afterMember: start as if a member had been written (the next key gets a comma):
    ///   for encoding the members that continue an object elsewhere (`encodedMembers`).
    public init(capacity: Int = 16_384, afterMember: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.first = !afterMember
    }

    /// What has been written, in storage of its own exactly as large (for keeping).
    public var compactBytes: [UInt8] { bytes.withUnsafeBufferPointer { Array($0) } }

    /// What has been written, as a buffer (a copy).
    public var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// The next member's key, given at run time (escaped as any string). Named apart from
    /// `key(_:)` so that a literal key takes the static path, not this one's escaping scan.
    public mutating func key(runtime name: String) {
        separate()
        writeQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    /// The next member's key (plain ASCII, written as is).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        append("\":")
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
        // Digits straight into the bytes: no String per number (ids and counts fill every page).
        // They are made from the end in 24 bytes on the stack, then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            var magnitude = value.magnitude
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        append("null")
    }

    /// A value encoded before (a whole JSON value), copied as it is.
    public mutating func encoded(_ encoded: [UInt8]) {
        separate()
        bytes.append(contentsOf: encoded)
        first = false
    }

    /// The start of an object encoded before: `{` and its first members, copied as they are;
    /// more members and `endObject()` follow.
    public mutating func encodedObjectStart(_ bytes: [UInt8]) {
        encoded(bytes)
    }

    /// Members encoded before by a writer made with `afterMember: true` (so with their leading
    /// comma), copied as they are into the open object.
    public mutating func encodedMembers(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
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
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func writeQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in  // contiguous UTF-8 (native strings are; others are made so)
            var pending = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending..<index]))
                writeEscape(byte)
                pending = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            append("\\u00")
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
