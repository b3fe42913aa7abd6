using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// <c>http_requests_total{version, code}</c> of a simulated workload whose request rate and error ratio per version
/// the test sets. The counters are the exact integral of those rates over time (computed when read, as if a loop
/// served requests continuously), so <c>rate()</c> in Prometheus sees exactly the rates the test chose, without a
/// background loop's jitter. Versions <c>stable</c> and <c>canary</c> exist from the start; setting a rate or ratio
/// of another version (a pod-template hash, say) adds it, and <see cref="RemoveVersion"/> stops exposing one.
/// </summary>
public sealed partial class RequestCounters
{
    public const double DefaultRequestsPerSecond = 100;

    public static readonly IReadOnlyList<string> InitialVersions = ["stable", "canary"];

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, Traffic> _traffic = new(StringComparer.Ordinal);

    public RequestCounters(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        foreach (var version in InitialVersions)
        {
            _traffic[version] = new Traffic(_clock.GetTimestamp());
        }
    }

    /// <summary>The versions exposed now.</summary>
    public IReadOnlyList<string> Versions
    {
        get
        {
            lock (_lock)
            {
                return [.. _traffic.Keys];
            }
        }
    }

    /// <summary>From now on, <paramref name="ratio"/> of this version's requests answer 500 (0 to 1).</summary>
    public void SetErrorRatio(string version, double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1);
        Update(version, t => t.ErrorRatio = ratio);
    }

    /// <summary>From now on, this version serves <paramref name="requestsPerSecond"/> requests a second (0: idle, its counters stay).</summary>
    public void SetRequestRate(string version, double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        Update(version, t => t.RequestsPerSecond = requestsPerSecond);
    }

    /// <summary>Stops exposing this version's series (as when its pods are gone); Prometheus marks them stale at the next scrape.</summary>
    public bool RemoveVersion(string version)
    {
        lock (_lock)
        {
            return _traffic.Remove(version);
        }
    }

    /// <summary>The counters in the Prometheus text exposition format.</summary>
    public string Render()
    {
        var text = new StringBuilder()
            .Append("# HELP http_requests_total Requests served by the workload, by version and status code.\n")
            .Append("# TYPE http_requests_total counter\n");
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            foreach (var (version, traffic) in _traffic)
            {
                traffic.Settle(_clock, now);
                Line(text, version, "200", traffic.Ok);
                Line(text, version, "500", traffic.Errors);
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string version, string code, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"http_requests_total{{version=\"{version}\",code=\"{code}\"}} {value.ToString("R", CultureInfo.InvariantCulture)}\n");

    private void Update(string version, Action<Traffic> change)
    {
        ArgumentNullException.ThrowIfNull(version);

        // A label value that needs no escaping in the exposition format nor in a PromQL string.
        if (!VersionPattern().IsMatch(version))
        {
            throw new ArgumentException($"version \"{version}\" must match {VersionPattern()}", nameof(version));
        }

        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (!_traffic.TryGetValue(version, out var traffic))
            {
                traffic = new Traffic(now);
                _traffic[version] = traffic;
            }

            traffic.Settle(_clock, now);
            change(traffic);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,63}$")]
    private static partial Regex VersionPattern();

    private sealed class Traffic(long since)
    {
        private long _since = since;

        public double RequestsPerSecond { get; set; } = DefaultRequestsPerSecond;

        public double ErrorRatio { get; set; }

        public double Ok { get; private set; }

        public double Errors { get; private set; }

        /// <summary>Adds the requests served since the last settle at the current rates.</summary>
        public void Settle(TimeProvider clock, long now)
        {
            var requests = RequestsPerSecond * clock.GetElapsedTime(_since, now).TotalSeconds;
            Errors += requests * ErrorRatio;
            Ok += requests * (1 - ErrorRatio);
            _since = now;
        }
    }
}
