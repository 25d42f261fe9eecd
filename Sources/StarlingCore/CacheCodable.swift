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
}

/// Reads the fields of one cached value straight from its bytes (`ByteBuffer.readFields`): a
/// field is a bounds check and an unaligned load, where each `ByteBuffer` read goes through the
/// buffer's storage object (and its run-time exclusivity check) again.
///
/// Inlinable, with `ByteBuffer.readFields`, so that each decoder's module specializes them (a
/// generic `readFields` looked up the metadata of its optional result on every object).
public struct CacheFieldReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset = 0

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The bytes not read yet (a bound for a count the bytes claim).
    @inlinable
    public var remainingBytes: Int { bytes.count - offset }

    /// Reads an integer field (big-endian, as `writeField` wrote it).
    @inlinable
    public mutating func int64() -> Int64? {
        guard bytes.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    /// Reads a list written as its count and then its elements: nil when the count is negative,
    /// claims more elements than the bytes left could hold (each takes at least `minimumBytes`,
    /// so a lying count allocates nothing), or an element is malformed.
    @inlinable
    public mutating func list<Element>(minimumBytes: Int, _ element: (inout CacheFieldReader) -> Element?) -> [Element]? {
        guard let count = int64(), count >= 0, count <= remainingBytes / max(minimumBytes, 1) else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let next = element(&self) else { return nil }
            elements.append(next)
        }
        return elements
    }

    /// Reads a list of integer fields (`list(minimumBytes:_:)`).
    @inlinable
    public mutating func int64s() -> [Int64]? {
        list(minimumBytes: 8) { $0.int64() }
    }

    /// Moves past a string field without making the string; false for malformed bytes.
    @inlinable
    public mutating func skipString() -> Bool {
        guard bytes.count - offset >= 4 else { return false }
        let length = Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        offset += 4
        guard length >= 0 else { return true }
        guard bytes.count - offset >= length else { return false }
        offset += length
        return true
    }

    /// Reads a string field: `.some(nil)` for a written nil, `nil` for malformed bytes.
    @inlinable
    public mutating func string() -> String?? {
        guard bytes.count - offset >= 4 else { return nil }
        let length = Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        offset += 4
        if length < 0 { return .some(nil) }
        guard bytes.count - offset >= length else { return nil }
        defer { offset += length }
        return .some(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length]), as: UTF8.self))
    }
}

extension ByteBuffer {
    /// Runs `body` over the readable bytes and moves past what it read; nil (nothing moved) when
    /// `body` finds them malformed.
    @inlinable
    public mutating func readFields<T>(_ body: (inout CacheFieldReader) -> T?) -> T? {
        let (value, consumed) = withUnsafeReadableBytes { raw -> (T?, Int) in
            var reader = CacheFieldReader(raw)
            let value = body(&reader)
            return (value, reader.offset)
        }
        guard let value else { return nil }
        moveReaderIndex(forwardBy: consumed)
        return value
    }
}
