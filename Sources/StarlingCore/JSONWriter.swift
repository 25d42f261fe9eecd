import NIOCore

/// A value that writes its own JSON. The API's hot pages (newsfeeds, timelines) are written this
/// way, straight into the response's bytes: Foundation's `JSONEncoder` was a third of a
/// newsfeed request's CPU time.
public protocol JSONWritable: Sendable {
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes JSON into memory of its own: objects, arrays, keys and scalars in order; commas are
/// placed by the writer. The bytes become a `ByteBuffer` or an array once, at the end. A page is
/// hundreds of small writes, so each is a capacity check and a copy: `ByteBuffer` checked its
/// storage's uniqueness and capacity through several calls (some 400 instructions per tweet of a
/// page), and so did a `[UInt8]` (about 250 per key). Not copyable: the memory has one owner.
public struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var first = true

    /// - Parameter afterMember: start as if a member had been written (the next key gets a comma):
    ///   for encoding the members that continue an object elsewhere (`encodedMembers`).
    public init(capacity: Int = 16_384, afterMember: Bool = false) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
        first = !afterMember
    }

    deinit {
        start.deallocate()
    }

    /// What has been written, in storage of its own exactly as large (for keeping).
    public var compactBytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// What has been written, as text (a copy).
    public var string: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }

    /// What has been written, as a buffer (a copy).
    public var buffer: ByteBuffer { ByteBuffer(bytes: UnsafeRawBufferPointer(start: start, count: count)) }

    public mutating func beginObject() {
        separate()
        append(UInt8(ascii: "{"))
        first = true
    }

    public mutating func endObject() {
        append(UInt8(ascii: "}"))
        first = false
    }

    public mutating func beginArray() {
        separate()
        append(UInt8(ascii: "["))
        first = true
    }

    public mutating func endArray() {
        append(UInt8(ascii: "]"))
        first = false
    }

    /// The next member's key, given at run time (escaped as any string). Named apart from
    /// `key(_:)` so that a literal key takes the static path, not this one's escaping scan.
    public mutating func key(runtime name: String) {
        separate()
        writeQuoted(name)
        append(UInt8(ascii: ":"))
        first = true
    }

    /// The next member's key (plain ASCII, written as is).
    public mutating func key(_ name: StaticString) {
        separate()
        append(UInt8(ascii: "\""))
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
            let written = UnsafeRawBufferPointer(rebasing: scratch[start...])
            append(UnsafeBufferPointer(start: written.baseAddress?.assumingMemoryBound(to: UInt8.self), count: written.count))
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
        append(encoded)
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
        append(encoded)
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

    /// An array of integers.
    public mutating func array(_ integers: [Int64]) {
        beginArray()
        for integer in integers { int(integer) }
        endArray()
    }

    /// An array of strings.
    public mutating func array(_ strings: [String]) {
        beginArray()
        for string in strings { self.string(string) }
        endArray()
    }

    private mutating func separate() {
        if !first { append(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func writeQuoted(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in  // contiguous UTF-8 (native strings are; others are made so)
            var pending = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                append(UnsafeBufferPointer(rebasing: utf8[pending..<index]))
                writeEscape(byte)
                pending = index + 1
            }
            append(UnsafeBufferPointer(rebasing: utf8[pending...]))
        }
        append(UInt8(ascii: "\""))
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
            append(hex.utf8Start[Int(byte >> 4)])
            append(hex.utf8Start[Int(byte & 0xF)])
        }
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ array: [UInt8]) {
        reserve(array.count)
        let destination = start + count
        array.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            destination.update(from: base, count: source.count)
        }
        count += array.count
    }

    private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        reserve(source.count)
        (start + count).update(from: base, count: source.count)
        count += source.count
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if capacity - count < more { grow(toHold: more) }
    }

    /// Doubles the memory until `more` bytes fit after what is written (a page is bounded well
    /// below where doubling could overflow; the arithmetic traps rather than wraps if it did).
    private mutating func grow(toHold more: Int) {
        var larger = capacity * 2
        while larger - count < more { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }
}
