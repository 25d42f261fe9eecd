import Foundation
import HTTPTypes
import Testing

extension OpenAPIContract {
    /// Records an issue (the running test fails) for every way a response breaks the course
    /// API's document, or when the document could not be read at all.
    static func record(method: HTTPRequest.Method, uri: String, status: HTTPResponse.Status, headers: HTTPFields, body: Data,
                       sourceLocation: SourceLocation) {
        guard let contract = course else {
            Issue.record("the OpenAPI document (Sources/CourseAPI/openapi.json) could not be read", sourceLocation: sourceLocation)
            return
        }
        var fields: [String: String] = [:]
        for field in headers { fields[field.name.canonicalName] = field.value }
        for problem in contract.problems(method: method.rawValue, uri: uri, status: status.code, headers: fields, body: body) {
            Issue.record("OpenAPI: \(method) \(uri): \(problem)", sourceLocation: sourceLocation)
        }
    }
}
