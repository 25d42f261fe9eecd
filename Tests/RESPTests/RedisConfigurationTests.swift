import RESP
import Testing

/// `redis://` URLs, as operators write them.
@Suite struct RedisConfigurationTests {
    @Test func readsHostPortPasswordAndDatabase() throws {
        let full = try RedisConfiguration(url: "redis://:s3cret@10.0.0.5:6380/3")
        #expect(full.host == "10.0.0.5")
        #expect(full.port == 6380)
        #expect(full.username == nil)
        #expect(full.password == "s3cret")
        #expect(full.database == 3)

        let plain = try RedisConfiguration(url: "redis://cache.internal")
        #expect(plain.host == "cache.internal" && plain.port == 6379 && plain.password == nil && plain.database == 0)

        let user = try RedisConfiguration(url: "redis://starling:p%40ss%3Aword@127.0.0.1:7000/")
        #expect(user.username == "starling")
        #expect(user.password == "p@ss:word", "credentials are percent-decoded")
        #expect(user.database == 0)

        let v6 = try RedisConfiguration(url: "redis://[::1]:6390/1")
        #expect(v6.host == "::1" && v6.port == 6390 && v6.database == 1)
    }

    @Test func defaultsAreShortTimeoutsAndFourConnections() throws {
        let configuration = try RedisConfiguration(url: "redis://127.0.0.1:6379")
        #expect(configuration.commandTimeout == .milliseconds(250))
        #expect(configuration.connectTimeout == .milliseconds(250))
        #expect(configuration.poolSize == 4)
    }

    @Test(arguments: [
        ("http://127.0.0.1:6379", "does not start with redis://"),
        ("redis://127.0.0.1:port", "has a port that is not a number"),
        ("redis://127.0.0.1:0", "has a port that is not a number"),
        ("redis://127.0.0.1:6379/x", "has a database that is not a number"),
        ("redis://127.0.0.1:6379/-1", "has a database that is not a number"),
        ("redis://:6379", "has no host"),
        ("redis://justapassword@host:6379", "has credentials"),
        ("redis://host:6379/0?timeout=1", "has options"),
        ("redis://:p%zz@host", "has credentials"),
    ])
    func aBadURLSaysWhatIsWrong(_ url: String, _ complaint: String) {
        let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.description.contains(complaint) == true, "\(error?.description ?? "")")
    }

    @Test func errorsNeverShowThePassword() {
        let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: "redis://:hunter2@host:port") }
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.description.contains("redis://***@host:port") == true)
    }
}
