using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Metrics;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// Takes one measurement of one metric: arguments resolved (secrets read now, never stored), the provider asked,
/// the value judged. Whatever goes wrong with the user's setup or the backend is an Error measurement that says
/// what, with secrets masked; only cancellation and transient API-server failures escape.
/// </summary>
public sealed class MetricMeasurer
{
    private readonly IReadOnlyList<IMetricProvider> _providers;
    private readonly ISecretReader _secrets;
    private readonly TimeProvider _clock;
    private readonly ControllerMetrics? _metrics;

    public MetricMeasurer(IReadOnlyList<IMetricProvider> providers, ISecretReader secrets, TimeProvider clock, ControllerMetrics? metrics = null)
    {
        _providers = providers;
        _secrets = secrets;
        _clock = clock;
        _metrics = metrics;
    }

    public async Task<Measurement> MeasureAsync(AnalysisRun run, Metric metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metric);
        var started = _clock.GetUtcNow();
        var measurement = await TakeAsync(run, metric, started, cancellationToken).ConfigureAwait(false);
        var provider = metric.Provider?.Prometheus is not null ? "prometheus" : metric.Provider?.Web is not null ? "web" : "none";
        _metrics?.RecordMeasurement(provider, measurement.Phase ?? AnalysisPhases.Error, _clock.GetUtcNow() - started);
        return measurement;
    }

    private async Task<Measurement> TakeAsync(AnalysisRun run, Metric metric, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var ns = run.Metadata.Namespace ?? "default";
        var arguments = new Dictionary<string, ArgumentValue>(StringComparer.Ordinal);
        foreach (var argument in run.Spec?.Args ?? [])
        {
            if (argument.Value is { } value)
            {
                arguments[argument.Name ?? ""] = new ArgumentValue(value, Secret: false);
            }
            else if (argument.ValueFrom?.SecretKeyRef is { } secretRef)
            {
                try
                {
                    arguments[argument.Name ?? ""] = new ArgumentValue(await _secrets.ReadAsync(ns, secretRef, cancellationToken).ConfigureAwait(false), Secret: true);
                }
                catch (SecretUnavailableException e)
                {
                    return MeasurementJudge.Errored($"argument {argument.Name}: {e.Message}", null, started, _clock.GetUtcNow());
                }
            }
        }

        var provider = metric.Provider is { } block ? _providers.FirstOrDefault(p => p.Handles(block)) : null;
        if (provider is null)
        {
            return MeasurementJudge.Errored($"metric {metric.Name}: no provider of this controller serves it", null, started, _clock.GetUtcNow());
        }

        ProviderResult result;
        try
        {
            result = await provider.MeasureAsync(new MetricQuery(metric, arguments, ns), cancellationToken).ConfigureAwait(false);
        }
        catch (MetricProviderException e)
        {
            var shown = e.ShownQuery.Length == 0 ? null : AnalysisArguments.MaskSecrets(e.ShownQuery, arguments);
            return MeasurementJudge.Errored(AnalysisArguments.MaskSecrets(e.Message, arguments), shown, started, _clock.GetUtcNow());
        }

        var measurement = MeasurementJudge.Judge(metric, result.Data, AnalysisArguments.MaskSecrets(result.ShownQuery, arguments), started, _clock.GetUtcNow());

        // A web endpoint could echo a secret back in its response: the stored value never shows one.
        return measurement with { Value = measurement.Value is { } shownValue ? AnalysisArguments.MaskSecrets(shownValue, arguments) : null };
    }
}
