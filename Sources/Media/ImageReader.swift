/// A cursor over untrusted image bytes. Every read checks what is left first and throws
/// `InvalidImage` instead of trapping, so a validator cannot be crashed by a short or lying file.
struct ImageReader {
    let bytes: [UInt8]
    let format: ImageFormat
    private(set) var offset = 0

    init(_ bytes: [UInt8], format: ImageFormat) {
        self.bytes = bytes
        self.format = format
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset >= bytes.count }

    /// The error for `reason`, tagged with the format being read.
    func failure(_ reason: String) -> InvalidImage {
        InvalidImage(format: format, reason: reason)
    }

    /// The next `count` bytes; `what` names them for the error when the file ends first.
    mutating func read(_ count: Int, _ what: String) throws(InvalidImage) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw failure("the file ends inside \(what)") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func skip(_ count: Int, _ what: String) throws(InvalidImage) {
        _ = try read(count, what)
    }

    /// Reads `expected` or fails with "\(what) is missing".
    mutating func expect(_ expected: [UInt8], _ what: String) throws(InvalidImage) {
        guard try read(expected.count, what).elementsEqual(expected) else { throw failure("\(what) is missing") }
    }

    /// Steps back over bytes already read (a scan's end is found by reading its next marker).
    mutating func rewind(_ count: Int) {
        offset = max(0, offset - max(0, count))
    }

    mutating func uint8(_ what: String) throws(InvalidImage) -> UInt8 {
        guard offset < bytes.count else { throw failure("the file ends inside \(what)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16BigEndian(_ what: String) throws(InvalidImage) -> UInt16 {
        let field = try read(2, what)
        return field.reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint16LittleEndian(_ what: String) throws(InvalidImage) -> UInt16 {
        let field = try read(2, what)
        return field.reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint24LittleEndian(_ what: String) throws(InvalidImage) -> UInt32 {
        let field = try read(3, what)
        return field.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint32BigEndian(_ what: String) throws(InvalidImage) -> UInt32 {
        let field = try read(4, what)
        return field.reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint32LittleEndian(_ what: String) throws(InvalidImage) -> UInt32 {
        let field = try read(4, what)
        return field.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A size field as an `Int`, refusing values this platform cannot index.
    func count(_ size: UInt32, _ what: String) throws(InvalidImage) -> Int {
        guard let count = Int(exactly: size) else { throw failure("\(what) is too large") }
        return count
    }
}
