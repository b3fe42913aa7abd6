using System.Net.Http.Headers;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>Builds and compares "Bearer" Authorization values.</summary>
internal static class BearerHeader
{
    public const string Scheme = "Bearer";

    public static AuthenticationHeaderValue For(string token) => new(Scheme, token);

    /// <summary>Whether <paramref name="used"/> carries exactly <paramref name="current"/> (both null counts as the same).</summary>
    public static bool IsSame(AuthenticationHeaderValue? current, AuthenticationHeaderValue? used) =>
        current is null
            ? used is null
            : used is not null
              && string.Equals(current.Scheme, used.Scheme, StringComparison.OrdinalIgnoreCase)
              && string.Equals(current.Parameter, used.Parameter, StringComparison.Ordinal);
}
