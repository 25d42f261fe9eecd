import StarlingCore
import Testing

@Suite struct DecimalTextTests {
    private func int64(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes(DecimalText.int64)
    }

    private func pair(_ text: String) -> (Int64, Int64)? {
        Array(text.utf8).withUnsafeBytes(DecimalText.pair)
    }

    @Test func integersAsStringWritesThem() {
        for value: Int64 in [0, 7, -7, 1_767_225_600_000_001, .max, .min] {
            #expect(int64(String(value)) == value)
        }
        #expect(int64("007") == 7 && int64("-0") == 0, "leading zeros are read, as the doc says")
        for refused in ["", "-", "+5", " 1", "1 ", "1.0", "9223372036854775808", "-9223372036854775809", "12345678901234567890", "٣"] {
            #expect(int64(refused) == nil, "\(refused)")
        }
    }

    @Test func aPairIsTwoIntegersAroundOneColon() {
        #expect(pair("42:1767225600000000").map { [$0.0, $0.1] } == [42, 1_767_225_600_000_000])
        for refused in ["42", "42:", ":42", "1::2", "1:2:3", "a:1"] {
            #expect(pair(refused) == nil, "\(refused)")
        }
    }
}
