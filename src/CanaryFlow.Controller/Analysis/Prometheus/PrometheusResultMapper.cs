using System.Text.Json;
using CanaryFlow.Controller.Analysis.Prometheus.Json;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>Turns a success envelope's <c>data</c> into a <see cref="PrometheusQueryResult"/>; a shape it cannot read throws <see cref="JsonException"/>.</summary>
internal static class PrometheusResultMapper
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    public static PrometheusQueryResult Map(ApiData? data, IReadOnlyList<string> warnings, IReadOnlyList<string> infos)
    {
        if (data is null)
        {
            throw new JsonException("a success response without \"data\"");
        }

        if (data.Result.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new JsonException($"a {data.ResultType ?? "null"} result without \"data.result\"");
        }

        return data.ResultType switch
        {
            "vector" => Empty(PrometheusResultType.Vector, warnings, infos) with { Samples = Vector(data.Result) },
            "matrix" => Empty(PrometheusResultType.Matrix, warnings, infos) with { Matrix = Matrix(data.Result) },
            "scalar" => Empty(PrometheusResultType.Scalar, warnings, infos) with { Scalar = Point(Pair(data.Result)) },
            "string" => Empty(PrometheusResultType.String, warnings, infos) with { String = Text(Pair(data.Result)) },
            _ => throw new JsonException($"an unknown resultType \"{data.ResultType}\""),
        };
    }

    private static PrometheusQueryResult Empty(PrometheusResultType type, IReadOnlyList<string> warnings, IReadOnlyList<string> infos) =>
        new(type, [], [], null, null, warnings, infos);

    private static List<PrometheusSample> Vector(JsonElement result)
    {
        var items = result.Deserialize(PrometheusJsonContext.Default.ListApiVectorItem) ?? throw new JsonException("a null vector");
        return items.Select(Sample).ToList();
    }

    private static PrometheusSample Sample(ApiVectorItem item)
    {
        var labels = Labels(item.Metric);
        if (item.Value is { } value)
        {
            var point = Point(value);
            return new PrometheusSample(labels, point.Timestamp, point.Value);
        }

        if (item.Histogram is { } histogram)
        {
            return new PrometheusSample(labels, Timestamp(histogram.Timestamp), null, Histogram(histogram.Histogram));
        }

        throw new JsonException("a vector element with neither \"value\" nor \"histogram\"");
    }

    private static List<PrometheusSeries> Matrix(JsonElement result)
    {
        var series = result.Deserialize(PrometheusJsonContext.Default.ListApiMatrixSeries) ?? throw new JsonException("a null matrix");
        return series.Select(s => new PrometheusSeries(
            Labels(s.Metric),
            (s.Values ?? []).Select(Point).ToList(),
            (s.Histograms ?? []).Select(h => new PrometheusHistogramPoint(Timestamp(h.Timestamp), Histogram(h.Histogram))).ToList())).ToList();
    }

    private static ApiSamplePair Pair(JsonElement result) =>
        result.Deserialize(PrometheusJsonContext.Default.ApiSamplePair) ?? throw new JsonException("a null scalar or string result");

    private static PrometheusPoint Point(ApiSamplePair pair) => new(Timestamp(pair.Timestamp), Number(pair.Value));

    private static PrometheusStringValue Text(ApiSamplePair pair) => new(Timestamp(pair.Timestamp), pair.Value);

    private static PrometheusHistogram Histogram(ApiHistogram histogram) => new(
        Number(histogram.Count ?? throw new JsonException("a histogram without \"count\"")),
        Number(histogram.Sum ?? throw new JsonException("a histogram without \"sum\"")),
        (histogram.Buckets ?? []).Select(b => new PrometheusHistogramBucket(b.BoundaryRule, Number(b.Lower), Number(b.Upper), Number(b.Count))).ToList());

    private static IReadOnlyDictionary<string, string> Labels(Dictionary<string, string>? metric) =>
        metric is null || metric.Count == 0 ? _noLabels : metric;

    private static double Number(string text) =>
        PrometheusWireFormat.TryParseValue(text, out var value) ? value : throw new JsonException($"the sample value \"{Truncate(text)}\" is not a number");

    private static DateTimeOffset Timestamp(decimal unixSeconds) =>
        PrometheusWireFormat.TryParseTimestamp(unixSeconds, out var timestamp) ? timestamp : throw new JsonException($"the timestamp {unixSeconds} is out of range");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
