import StarlingHTTP
import Testing

@Suite struct RequestIDTests {
    /// Minted ids are 16 lowercase hexadecimal digits, never the same twice in a process, and
    /// accepted back as sane.
    @Test func mintedIDsAreSixteenHexDigitsAndUnique() {
        let ids = (0..<20_000).map { _ in RequestID.mint() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(1_000) {
            #expect(id.utf8.count == 16 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }, "\(id)")
            #expect(RequestID.accepted(id) == id)
        }
        let high = ids.filter { $0.first.map { "89abcdef".contains($0) } ?? false }.count
        #expect((8_000...12_000).contains(high), "the leading digit is spread, not a counter's")
    }
}
