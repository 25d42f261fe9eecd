// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// Domain targets share one shape: the model, a repository port with its in-memory implementation,
/// use cases and jobs. No HTTP: the faces (`CourseAPI`) map them to a wire format.
func domain(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: ["StarlingCore", .product(name: "NIOCore", package: "swift-nio")] + dependencies,
            swiftSettings: swiftSettings)
}

let package = Package(
    name: "starling",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "starling", targets: ["starling"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "StarlingCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Jobs",
            dependencies: [
                "StarlingCore",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarlingHTTP",
            dependencies: [
                "StarlingCore",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        domain("Media", []),
        domain("Accounts", [
            "Media",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        domain("Friendships", ["Accounts"]),
        domain("Tweets", ["Accounts", "Media"]),
        domain("Newsfeeds", ["Tweets", "Friendships"]),
        domain("Comments", ["Tweets"]),
        domain("Likes", ["Tweets", "Comments"]),
        domain("Notifications", ["Likes", "Comments", "Friendships"]),
        domain("MastodonClients", ["Accounts", "Tweets"]),
        .target(
            name: "CourseAPI",
            dependencies: [
                "StarlingCore", "StarlingHTTP", "Media", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes",
                "Notifications",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastodonAPI",
            dependencies: [
                "StarlingCore", "StarlingHTTP", "Media", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes",
                "Notifications", "MastodonClients",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "StarlingCore", "StarlingHTTP", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),
        domain("Seeding", ["Accounts", "Friendships", "Tweets", "Newsfeeds", "Comments", "Likes"]),
        .systemLibrary(name: "CSystemSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLiteDriver", dependencies: ["CSystemSQLite"], swiftSettings: swiftSettings),
        .target(
            name: "SQLiteStorage",
            dependencies: [
                "MastodonClients", "StarlingCore", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes", "Notifications", "Seeding",
                "SQLiteDriver",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresStorage",
            dependencies: [
                "MastodonClients", "StarlingCore", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes", "Notifications", "Seeding",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ClientPool", dependencies: [.product(name: "NIOCore", package: "swift-nio")], swiftSettings: swiftSettings),
        .target(
            name: "RESP",
            dependencies: [
                "ClientPool",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RedisCache",
            dependencies: [
                "RESP", "StarlingCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Memcached",
            dependencies: [
                "ClientPool",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AMQP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AMQPJobs",
            dependencies: [
                "AMQP", "Jobs", "StarlingCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MemcachedCache",
            dependencies: ["Memcached", "StarlingCore", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DiskStorage",
            dependencies: [
                "StarlingCore", "Media",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "S3",
            dependencies: [
                "StarlingCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "App",
            dependencies: [
                "MastodonAPI", "MastodonClients", "StarlingCore", "Jobs", "StarlingHTTP", "CourseAPI", "Media", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes",
                "Notifications", "Seeding", "SQLiteStorage", "PostgresStorage", "DiskStorage", "RESP", "RedisCache", "Memcached", "MemcachedCache", "AMQP", "AMQPJobs", "S3", "WebApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "starling",
            dependencies: [
                "App", "Seeding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarlingTestKit",
            dependencies: [
                "StarlingCore", "RESP", "Memcached",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarlingTesting",
            dependencies: [
                "StarlingTestKit", "App", "StarlingCore", "Jobs", "Media", "Accounts", "Tweets", "Friendships", "Newsfeeds", "Comments", "Likes",
                "Notifications", "SQLiteStorage", "PostgresStorage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "StarlingCoreTests", dependencies: ["StarlingCore", "StarlingTestKit"], swiftSettings: swiftSettings),
        .testTarget(name: "StarlingHTTPTests", dependencies: [
            "StarlingHTTP", .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "TweetsTests", dependencies: ["Tweets", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "FriendshipsTests", dependencies: ["Friendships", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsfeedsTests", dependencies: ["Newsfeeds", "Friendships", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "MediaTests", dependencies: ["Media", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "DiskStorageTests", dependencies: ["DiskStorage", "Media", "StarlingTestKit"], swiftSettings: swiftSettings),
        .testTarget(name: "CommentsTests", dependencies: ["Comments", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "LikesTests", dependencies: ["Likes", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "SeedingTests", dependencies: ["Seeding", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "SQLiteDriverTests", dependencies: ["SQLiteDriver"], swiftSettings: swiftSettings),
        .testTarget(name: "SQLiteStorageTests", dependencies: ["SQLiteDriver", "SQLiteStorage", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "PostgresStorageTests", dependencies: ["PostgresStorage", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "RESPTests", dependencies: ["RESP", "Seeding", "StarlingTestKit", "StarlingHTTP"], swiftSettings: swiftSettings),
        .testTarget(name: "RedisCacheTests", dependencies: ["RedisCache", "StarlingTestKit"], swiftSettings: swiftSettings),
        .testTarget(name: "MemcachedTests", dependencies: ["Memcached", "StarlingTestKit", "StarlingHTTP"], swiftSettings: swiftSettings),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "StarlingTestKit"], swiftSettings: swiftSettings),
        .testTarget(name: "AMQPJobsTests", dependencies: ["AMQPJobs", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "MemcachedCacheTests", dependencies: ["MemcachedCache", "StarlingTestKit"], swiftSettings: swiftSettings),
        .testTarget(name: "CourseAPITests", dependencies: ["CourseAPI", "DiskStorage", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "S3Tests", dependencies: ["S3", "App", "StarlingTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "MastodonAPITests", dependencies: ["MastodonAPI", "MastodonClients", "StarlingTesting"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "AppTests", dependencies: ["App", "StarlingTesting"], swiftSettings: swiftSettings),
    ]
)
