import Metrics
import Prometheus

/// The process's metrics backend: swift-metrics bootstrapped once with a Prometheus registry, whose
/// text `GET /metrics` serves. Domain code only emits through swift-metrics (`StarlingMetrics`).
///
/// `MetricsSystem.bootstrap` is process-wide and may run only once, while tests build many servers
/// in one process: the bootstrap is a lazily initialised constant, so every server shares the one
/// registry and asking again does nothing.
public enum MetricsExport {
    /// The registry behind every metric of this process.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // A fanout to many followers takes seconds to minutes; the defaults stop at 10 s.
        factory.durationHistogramBuckets["starling_fanout_lag_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
        ]
        factory.durationHistogramBuckets["starling_store_pool_wait_seconds"] = [
            .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50),
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Bootstraps the metrics system if this process has not yet.
    public static func bootstrap() {
        _ = registry
    }

    /// Every metric, in the Prometheus text exposition format.
    public static func text() -> [UInt8] {
        registry.emitToBuffer()
    }
}
