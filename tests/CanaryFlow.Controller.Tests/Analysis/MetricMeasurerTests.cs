using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Analysis;

/// <summary>One measurement end to end: a Secret from LocalCluster, a query to the real Prometheus, the judgement.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class MetricMeasurerTests(ControllerClusterFixture cluster, PrometheusFixture prometheus) : IAsyncLifetime, IClassFixture<PrometheusFixture>, IDisposable
{
    private const string _secretVersion = "s3cr3t-version";
    private KubernetesClient _client = null!;
    private KubernetesSecretReader _secrets = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "measure-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        (await cluster.Kubectl.RunAsync("create", "secret", "generic", "analysis", "-n", _ns, "--from-literal=version=" + _secretVersion)).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _secrets = new KubernetesSecretReader(AnalysisClients.Create(_client).Secrets);
        prometheus.Workload.SetErrorRatio(_secretVersion, 0.25);
        await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery(_secretVersion), v => Math.Abs(v - 0.25) < 0.001);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _client?.Dispose();

    private MetricMeasurer Measurer(params IMetricProvider[] providers) => new(providers, _secrets, TimeProvider.System);

    private AnalysisRun Run(params AnalysisArgument[] args) => new()
    {
        Metadata = new ObjectMeta { Name = "api-abc-0-2", Namespace = _ns },
        Spec = new AnalysisRunSpec { Args = args },
    };

    private Metric Metric(string query) => new()
    {
        Name = "error-rate",
        FailureCondition = "result[0] > 0.05",
        Provider = new MetricProvider { Prometheus = new PrometheusMetric { Address = prometheus.Address.ToString(), Query = query } },
    };

    private static AnalysisArgument SecretArgument(string secret, string key) =>
        new() { Name = "version", ValueFrom = new ArgumentValueFrom { SecretKeyRef = new SecretKeySelector { Name = secret, Key = key } } };

    [Fact]
    public async Task A_secret_argument_is_read_at_measuring_time_and_never_shown()
    {
        var logs = new RecordingLogger<PrometheusMetricProvider>();
        var measurer = Measurer(new PrometheusMetricProvider(prometheus.HttpClient, _secrets, logs));

        var measurement = await measurer.MeasureAsync(Run(SecretArgument("analysis", "version")), Metric(WorkloadApp.ErrorRatioQuery("{{args.version}}")), CancellationToken.None);

        Assert.Equal(AnalysisPhases.Failed, measurement.Phase);
        // rate() over the scrapes is 0.25 up to floating-point rounding (e.g. 0.24999999999999994).
        Assert.Equal(0.25, double.Parse(measurement.Value!.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal("failureCondition result[0] > 0.05 is true", measurement.Condition);
        Assert.Equal(WorkloadApp.ErrorRatioQuery(AnalysisArguments.Mask), measurement.Query);
        Assert.DoesNotContain(_secretVersion, measurement.ToString(), StringComparison.Ordinal);

        // The client logs each query at debug level: the masked one.
        Assert.Contains(logs.Entries, e => e.Message.Contains(WorkloadApp.ErrorRatioQuery(AnalysisArguments.Mask), StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(_secretVersion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_secret_or_key_is_an_error_measurement_that_names_it()
    {
        var measurer = Measurer(new PrometheusMetricProvider(prometheus.HttpClient, _secrets));

        var noSecret = await measurer.MeasureAsync(Run(SecretArgument("absent", "version")), Metric(WorkloadApp.ErrorRatioQuery("{{args.version}}")), CancellationToken.None);
        var noKey = await measurer.MeasureAsync(Run(SecretArgument("analysis", "other")), Metric(WorkloadApp.ErrorRatioQuery("{{args.version}}")), CancellationToken.None);

        Assert.Equal(AnalysisPhases.Error, noSecret.Phase);
        Assert.Equal($"argument version: Secret {_ns}/absent not found", noSecret.Message);
        Assert.Equal(AnalysisPhases.Error, noKey.Phase);
        Assert.Equal($"argument version: Secret {_ns}/analysis has no key other", noKey.Message);
    }

    [Fact]
    public async Task An_empty_result_is_an_error_never_a_pass()
    {
        var measurer = Measurer(new PrometheusMetricProvider(prometheus.HttpClient, _secrets));

        var measurement = await measurer.MeasureAsync(Run(), Metric(WorkloadApp.ErrorRatioQuery("no-such-version")), CancellationToken.None);

        Assert.Equal(AnalysisPhases.Error, measurement.Phase);
        Assert.Contains("no data", measurement.Message, StringComparison.Ordinal);
        Assert.Equal(WorkloadApp.ErrorRatioQuery("no-such-version"), measurement.Query);
    }

    [Fact]
    public async Task A_metric_no_provider_serves_is_an_error()
    {
        var measurement = await Measurer().MeasureAsync(Run(), Metric("up"), CancellationToken.None);

        Assert.Equal(AnalysisPhases.Error, measurement.Phase);
        Assert.Equal("metric error-rate: no provider of this controller serves it", measurement.Message);
    }
}
