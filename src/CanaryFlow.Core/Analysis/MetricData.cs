using System.Globalization;
using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Analysis;

/// <summary>
/// What a provider measured, before judging: the shapes Prometheus and web endpoints return. Conditions see it as
/// <c>result</c>; <see cref="Display"/> is how a person reads it in the run's status and in Events.
/// </summary>
public abstract record MetricData
{
    public abstract string Display();

    internal static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("G", CultureInfo.InvariantCulture),
    };
}

/// <summary>A Prometheus scalar.</summary>
public sealed record ScalarData(double Value) : MetricData
{
    public override string Display() => Number(Value);
}

/// <summary>A Prometheus instant vector: one value per series, in the order returned.</summary>
public sealed record VectorData(IReadOnlyList<double> Values) : MetricData
{
    public override string Display() => "[" + string.Join(", ", Values.Select(Number)) + "]";
}

/// <summary>A Prometheus range vector: the values of each series.</summary>
public sealed record MatrixData(IReadOnlyList<IReadOnlyList<double>> Series) : MetricData
{
    public override string Display() => "[" + string.Join(", ", Series.Select(s => "[" + string.Join(", ", s.Select(Number)) + "]")) + "]";
}

/// <summary>A Prometheus string result, or a web response that is not JSON.</summary>
public sealed record TextData(string Value) : MetricData
{
    public override string Display() => Value.Length > 200 ? Value[..200] + "…" : Value;
}

/// <summary>A JSON value a web provider selected from the response.</summary>
public sealed record JsonData(JsonNode? Value) : MetricData
{
    public override string Display()
    {
        var text = Value?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
