import StarlingHTTP
import Testing

@Suite struct BearerTokenTests {
    @Test func theSchemeIsReadInAnyCaseAndTheTokenTrimmed() {
        #expect(BearerToken.token(in: "Bearer abc") == "abc")
        #expect(BearerToken.token(in: "bearer abc") == "abc")
        #expect(BearerToken.token(in: "BEARER abc") == "abc")
        #expect(BearerToken.token(in: "BeArEr \t abc \t ") == "abc")
        #expect(BearerToken.token(in: "Bearer ") == "")
        #expect(BearerToken.token(in: "Bearer é") == "é")
    }

    @Test func otherSchemesAreNotBearerTokens() {
        #expect(BearerToken.token(in: "Basic YWxhZGRpbjpvcGVuc2VzYW1l") == nil)
        #expect(BearerToken.token(in: "Bearer") == nil)
        #expect(BearerToken.token(in: "Bearerabc") == nil)
        #expect(BearerToken.token(in: "Token abc") == nil)
        #expect(BearerToken.token(in: "") == nil)
        #expect(BearerToken.token(in: " Bearer abc") == nil)
    }
}
