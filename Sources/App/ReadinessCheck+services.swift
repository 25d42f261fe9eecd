import AMQP
import Memcached
import RESP
import S3
import StarlingCore

extension ReadinessCheck {
    /// The relational store answers a read.
    static func store(_ repositories: Repositories) -> ReadinessCheck {
        ReadinessCheck("database") { _ = try await repositories.outbox.pending(limit: 1) }
    }

    /// Redis answers PING.
    static func redis(_ client: RedisClient) -> ReadinessCheck {
        ReadinessCheck("redis") { try await client.ping() }
    }

    /// Every memcached node answers `stats`.
    static func memcached(_ client: MemcachedClient) -> ReadinessCheck {
        ReadinessCheck("memcached") {
            for node in client.servers.indices { _ = try await client.stats(node: node) }
        }
    }

    /// The broker connection is open.
    static func rabbitMQ(_ client: AMQPClient) -> ReadinessCheck {
        ReadinessCheck("rabbitmq") { _ = try await client.connection() }
    }

    /// The media bucket answers.
    static func s3(_ store: S3BlobStore) -> ReadinessCheck {
        ReadinessCheck("s3") { try await store.checkBucket() }
    }
}
