using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// How a Gateway splits a request: the backends of the route's first rule, each with the share its weight gives it
/// (absent: 1, 0: none), and which one a uniform draw in [0, 1) lands on.
/// </summary>
public static class WeightedBackends
{
    public static IReadOnlyList<(string Service, int Weight)> Of(HttpRoute? route) =>
        [.. (route?.Spec?.Rules?.FirstOrDefault()?.BackendRefs ?? [])
            .Where(b => b.Name is not null && (b.Kind ?? "Service") == "Service")
            .Select(b => (b.Name!, b.Weight ?? 1))];

    /// <summary>The Service a request goes to, or null when every weight is 0 (the Gateway answers 500 then).</summary>
    public static string? Pick(IReadOnlyList<(string Service, int Weight)> backends, double draw)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var total = backends.Sum(b => Math.Max(b.Weight, 0));
        if (total == 0)
        {
            return null;
        }

        var point = draw * total;
        foreach (var (service, weight) in backends)
        {
            if (point < weight)
            {
                return service;
            }

            point -= Math.Max(weight, 0);
        }

        return backends.Last(b => b.Weight > 0).Service;
    }
}
