using System.Globalization;
using System.Text.RegularExpressions;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",...} number</c>.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A parsed scrape of a /metrics page.</summary>
internal sealed partial class MetricsScrape
{
    private readonly List<MetricSample> _samples;

    private MetricsScrape(List<MetricSample> samples)
    {
        _samples = samples;
    }

    public IReadOnlyList<MetricSample> Samples => _samples;

    public static MetricsScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var valueAt = line.LastIndexOf(' ');
            var series = line[..valueAt];
            var value = double.Parse(line[(valueAt + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var name = brace < 0 ? series : series[..brace];
            var labels = brace < 0
                ? new Dictionary<string, string>()
                : Label().Matches(series[brace..]).ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value));
            samples.Add(new MetricSample(name, labels, value));
        }

        return new MetricsScrape(samples);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels pass <paramref name="filter"/>.</summary>
    public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? filter = null) =>
        _samples.Where(s => s.Name == name && (filter is null || filter(s.Labels))).Sum(s => s.Value);

    /// <summary>The sample of <paramref name="name"/> with <paramref name="label"/>=<paramref name="value"/> (0 when absent).</summary>
    public double Get(string name, string label, string value) => Sum(name, l => l.GetValueOrDefault(label) == value);

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)"(?:,|})""")]
    private static partial Regex Label();
}
