using System.Globalization;

namespace CanaryFlow.Controller.Demo;

/// <summary>Where recent requests went: answers per version, and how many failed (5xx, or no answer).</summary>
public sealed record TrafficSnapshot(IReadOnlyDictionary<string, int> ByVersion, int Requests, int Failed)
{
    public static TrafficSnapshot Of(IReadOnlyCollection<AnsweredRequest> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var byVersion = answers.GroupBy(a => a.Version, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new TrafficSnapshot(byVersion, answers.Count, answers.Count(a => a.StatusCode is 0 or >= 500));
    }

    /// <summary>The share (0 to 1) of requests <paramref name="version"/> answered.</summary>
    public double ShareOf(string version) => Requests == 0 ? 0 : ByVersion.GetValueOrDefault(version) / (double)Requests;

    /// <summary>"v1 80% v2 20%, 5xx 0%".</summary>
    public override string ToString() => Requests == 0
        ? "no traffic yet"
        : string.Join(" ", ByVersion.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value * 100.0 / Requests:F0}%")))
            + string.Create(CultureInfo.InvariantCulture, $", 5xx {Failed * 100.0 / Requests:F0}%");
}
