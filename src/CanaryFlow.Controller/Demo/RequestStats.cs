namespace CanaryFlow.Controller.Demo;

/// <summary>A summary of answered requests: what the web metric provider reads from an app's /stats, and the story prints.</summary>
public sealed record RequestStats(string Version, int Requests, int Errors, double? SuccessRate, double? P99LatencySeconds)
{
    public static RequestStats Of(string version, IReadOnlyCollection<AnsweredRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var errors = requests.Count(r => r.StatusCode >= 500);
        if (requests.Count == 0)
        {
            return new RequestStats(version, 0, 0, null, null);
        }

        var latencies = requests.Select(r => r.Seconds).Order().ToList();
        var p99 = latencies[(int)Math.Ceiling(0.99 * latencies.Count) - 1];
        return new RequestStats(version, requests.Count, errors, (requests.Count - errors) / (double)requests.Count, p99);
    }
}
