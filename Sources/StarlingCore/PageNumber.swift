/// A page of a page-numbered list (`?page=`), counted from 1.
///
/// A client chooses the number, so every use of it goes through this type: the offset and the
/// neighbours' numbers are computed here with checked arithmetic. Numbers past `maximum` are
/// refused when parsed; no list is that long, and nothing downstream can overflow.
public struct PageNumber: Sendable, Hashable, CustomStringConvertible {
    /// The largest page a client may ask for (any larger page would be past the end of every list).
    public static let maximum = 1 << 31

    /// The page, 1…`maximum`.
    public let value: Int

    /// Page `value`, or nil when it lies outside 1…`maximum`.
    public init?(_ value: Int) {
        guard (1...Self.maximum).contains(value) else { return nil }
        self.value = value
    }

    private init(valid value: Int) {
        self.value = value
    }

    /// Parses the decimal text of a query parameter; nil for anything but 1…`maximum`.
    public init?(parsing text: some StringProtocol) {
        guard text.count <= 12, text.allSatisfy(\.isASCII), let value = Int(text) else { return nil }
        self.init(value)
    }

    /// The first page.
    public static let first = PageNumber(valid: 1)

    /// How many items the pages before this one hold, with `pageSize` items a page.
    public func offset(pageSize: Int) -> Int {
        let (offset, overflow) = (value - 1).multipliedReportingOverflow(by: max(pageSize, 0))
        return overflow ? Int.max : offset
    }

    /// Whether items remain after this page in a list of `count` items.
    public func hasNext(pageSize: Int, count: Int) -> Bool {
        let (end, overflow) = value.multipliedReportingOverflow(by: max(pageSize, 0))
        return !overflow && end < count
    }

    /// The page after this one, if there is a number for it.
    public var next: PageNumber? { PageNumber(value + 1) }
    /// The page before this one; nil for the first.
    public var previous: PageNumber? { PageNumber(value - 1) }

    public var description: String { String(value) }
}

