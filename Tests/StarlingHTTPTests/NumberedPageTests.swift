import StarlingCore
import StarlingHTTP
import Testing

@Suite struct NumberedPageTests {
    let base = "http://h/api/notifications/"

    @Test func linksKeepTheFilterAndPageOneHasNoPageParameter() throws {
        let second = try NumberedPage(page: PageNumber(2)!, pageSize: 2, count: 5, results: [3, 4], base: base, filter: "unread=true&")
        #expect(second.next == "\(base)?unread=true&page=3")
        #expect(second.previous == "\(base)?unread=true")
        let third = try NumberedPage(page: PageNumber(3)!, pageSize: 2, count: 5, results: [5], base: base)
        #expect(third.next == nil && third.previous == "\(base)?page=2")
        let only = try NumberedPage(page: PageNumber(1)!, pageSize: 2, count: 0, results: [Int](), base: base)
        #expect(only.next == nil && only.previous == nil, "an empty first page is a page")
    }

    @Test func aPagePastTheLastIsNotFoundAndABadNumberIsBadInput() {
        #expect(throws: StarlingError.notFound) { try NumberedPage(page: PageNumber(4)!, pageSize: 2, count: 5, results: [Int](), base: base) }
        for text in ["0", "-1", "x", "1.5"] {
            var errors = FieldErrors()
            _ = QueryInput(values: ["page": text]).pageNumber(errors: &errors)
            #expect(throws: StarlingError.self) { try errors.check() }
        }
        var errors = FieldErrors()
        #expect(QueryInput(values: [:]).pageNumber(errors: &errors) == .first)
    }
}
