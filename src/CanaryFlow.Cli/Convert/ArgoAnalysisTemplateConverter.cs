using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Cli.Convert;

/// <summary>
/// Argo Rollouts' <c>AnalysisTemplate</c> and <c>ClusterAnalysisTemplate</c> as CanaryFlow's. Prometheus and web
/// metrics carry over; a metric of a provider CanaryFlow lacks (Datadog, New Relic, a Job, ...) is dropped and
/// reported, and a condition CanaryFlow's expression language cannot read is reported with the parser's reason.
/// </summary>
internal static class ArgoAnalysisTemplateConverter
{
    private static readonly string[] _metricFields = ["name", "interval", "count", "initialDelay", "successCondition", "failureCondition", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit"];
    private static readonly string[] _integerFields = ["failureLimit", "inconclusiveLimit", "consecutiveErrorLimit"];

    public static JsonObject Convert(JsonObject argo, string kind, ConversionScope scope)
    {
        ArgumentNullException.ThrowIfNull(argo);
        ArgumentNullException.ThrowIfNull(scope);
        var result = ArgoMetadata.Head(argo, kind);
        if (argo["spec"] is not JsonObject spec)
        {
            throw new ConversionFailedException("spec", "Required value");
        }

        var converted = new JsonObject();
        if (spec["args"] is JsonArray args)
        {
            converted["args"] = ArgoRolloutConverter.Arguments(args, "spec.args", scope);
        }

        var metrics = new JsonArray();
        if (spec["metrics"] is JsonArray argoMetrics)
        {
            for (var i = 0; i < argoMetrics.Count; i++)
            {
                if (argoMetrics[i] is JsonObject metric && Metric(metric, string.Create(CultureInfo.InvariantCulture, $"spec.metrics[{i}]"), scope) is { } kept)
                {
                    metrics.Add((JsonNode)kept);
                }
            }
        }

        if (metrics.Count == 0)
        {
            throw new ConversionFailedException("spec.metrics", "no metric of a provider CanaryFlow has (prometheus, web); nothing would be measured");
        }

        converted["metrics"] = metrics;
        ConversionScope.Copy(spec, converted, "dryRun", "measurementRetention");
        scope.DropOthers(spec, "spec", "args", "metrics", "dryRun", "measurementRetention");
        result["spec"] = converted;
        return result;
    }

    private static JsonObject? Metric(JsonObject metric, string path, ConversionScope scope)
    {
        var name = metric["name"]?.ToString() ?? "(unnamed)";
        var provider = metric["provider"] as JsonObject ?? [];
        JsonObject? converted = null;
        if (provider["prometheus"] is JsonObject prometheus)
        {
            var result = new JsonObject();
            ConversionScope.Copy(prometheus, result, "address", "query", "timeout", "headers");
            scope.DropOthers(prometheus, path + ".provider.prometheus", "address", "query", "timeout", "headers");
            converted = new JsonObject { ["prometheus"] = result };
        }
        else if (provider["web"] is JsonObject web)
        {
            var result = new JsonObject();
            ConversionScope.Copy(web, result, "url", "method", "headers", "body", "jsonPath", "timeoutSeconds");
            if (web["jsonBody"] is JsonNode jsonBody && web["body"] is null)
            {
                // Argo sends jsonBody as the JSON text of the object; CanaryFlow's body is that text.
                result["body"] = jsonBody.ToJsonString();
            }

            scope.DropOthers(web, path + ".provider.web", "url", "method", "headers", "body", "jsonBody", "jsonPath", "timeoutSeconds");
            converted = new JsonObject { ["web"] = result };
        }

        if (converted is null)
        {
            var kind = provider.Select(kv => kv.Key).FirstOrDefault() ?? "(none)";
            scope.Note($"{path}.provider.{kind}", $"metric {name}: CanaryFlow has no {kind} provider (only prometheus and web); the metric was dropped");
            return null;
        }

        var output = new JsonObject();
        ConversionScope.Copy(metric, output, _metricFields);
        foreach (var field in _integerFields)
        {
            if (output[field] is { } value && !ArgoRolloutConverter.IsInteger(value))
            {
                scope.Note($"{path}.{field}", $"metric {name}: CanaryFlow needs a number here, not \"{value}\"; dropped (the default applies)");
                output.Remove(field);
            }
        }

        output["provider"] = converted;
        scope.DropOthers(metric, path, [.. _metricFields, "provider"]);
        CheckConditions(output, path, name, scope);
        return output;
    }

    /// <summary>Argo's conditions are expr-lang; CanaryFlow's language covers the common subset. Anything else is reported here, not at the first measurement.</summary>
    private static void CheckConditions(JsonObject metric, string path, string name, ConversionScope scope)
    {
        Metric parsed;
        try
        {
            parsed = metric.Deserialize(CoreJsonContext.Default.Metric) ?? new Metric();
        }
        catch (JsonException e)
        {
            scope.Note(path, $"metric {name}: {e.Message}");
            return;
        }

        if (MeasurementJudge.CheckConditions(parsed) is { } problem)
        {
            scope.Note(path, problem + "; rewrite the condition (docs/expressions.md)");
        }
    }
}
